// Every role the app's identity holds, and nothing broader: data-plane roles scoped to
// the narrowest resource each is needed on (blob roles to containers). No Contributor, Owner or account-key roles.
// Assignment names derive from resource ids known before deployment (not from the
// identity's principal id, which exists only once it is created), so what-if can predict them.

@description('Name of the app\'s user-assigned identity.')
param identityName string

@description('Storage account that holds host and PeerFlow data.')
param storageAccountName string

@description('Application Insights resource the app sends telemetry to.')
param appInsightsName string

@description('Key Vault that holds the SendGrid key.')
param keyVaultName string

@description('Blob containers of the Functions host (locks, keys).')
param hostContainerNames array

@description('Blob container of the Flex Consumption deployment package.')
param deploymentContainerName string

@description('Blob containers only read and written: the task hub\'s and PeerFlow\'s key ring.')
param dataContainerNames array

// Built-in role definition ids (the same in every tenant). No role reads account keys or manages the account, and
// no blob role covers the whole account: each is scoped to the containers that need it (made by storage.bicep).
var storageBlobDataOwner = 'b7e6dc6d-f1e8-4753-8033-0f276bb0955b'
var storageBlobDataContributor = 'ba92f5b4-2d11-453d-a403-e96b0029c9fe'
var storageQueueDataContributor = '974c5e8b-45b9-4653-ba55-5f855dd0fb88'
var storageTableDataContributor = '0a9a7e1f-b9d0-4cc4-a60d-0319b160aaa3'

// Owner, on the host's containers and the deployment package's only: the Functions host's identity-based
// AzureWebJobsStorage is documented with Storage Blob Data Owner ("Connecting to host storage with an identity"),
// and so is the Flex Consumption deployment container read with an identity. Nothing of PeerFlow's is in them.
var ownerContainers = concat(hostContainerNames, [deploymentContainerName])
// Application Insights has local (instrumentation key) auth disabled: telemetry is accepted
// only with an Entra ID token carrying this role (APPLICATIONINSIGHTS_AUTHENTICATION_STRING).
var monitoringMetricsPublisherRoleId = '3913510d-42f4-4e42-8a64-420c390055eb'
// Key Vault references (PEERFLOW_SENDGRID_API_KEY, PEERFLOW_HASH_KEY, the key ring certificate's secret, and the Easy
// Auth client secret if that option is chosen) resolve with this identity: read secrets, nothing else.
var keyVaultSecretsUserRoleId = '4633458b-17de-408a-b874-0445c86b69e6'

resource identity 'Microsoft.ManagedIdentity/userAssignedIdentities@2024-11-30' existing = {
  name: identityName
}

resource storage 'Microsoft.Storage/storageAccounts@2025-01-01' existing = {
  name: storageAccountName
}

resource appInsights 'Microsoft.Insights/components@2020-02-02' existing = {
  name: appInsightsName
}

resource vault 'Microsoft.KeyVault/vaults@2024-11-01' existing = {
  name: keyVaultName
}

resource blobService 'Microsoft.Storage/storageAccounts/blobServices@2025-01-01' existing = {
  parent: storage
  name: 'default'
}

resource ownedContainers 'Microsoft.Storage/storageAccounts/blobServices/containers@2025-01-01' existing = [
  for container in ownerContainers: {
    parent: blobService
    name: container
  }
]

resource dataContainers 'Microsoft.Storage/storageAccounts/blobServices/containers@2025-01-01' existing = [
  for container in dataContainerNames: {
    parent: blobService
    name: container
  }
]

resource ownerAssignments 'Microsoft.Authorization/roleAssignments@2022-04-01' = [
  for (container, i) in ownerContainers: {
    name: guid(ownedContainers[i].id, identity.id, storageBlobDataOwner)
    scope: ownedContainers[i]
    properties: {
      description: 'PeerFlow app identity: Storage Blob Data Owner on ${container} (Functions host / deployment package, as documented)'
      roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', storageBlobDataOwner)
      principalId: identity.properties.principalId
      principalType: 'ServicePrincipal'
    }
  }
]

// Contributor (read, write, delete blobs; no ACLs or ownership): the task hub's partition leases, app lease and
// large messages, which Durable Functions documents with Blob Data Contributor; and PeerFlow's key ring.
resource dataAssignments 'Microsoft.Authorization/roleAssignments@2022-04-01' = [
  for (container, i) in dataContainerNames: {
    name: guid(dataContainers[i].id, identity.id, storageBlobDataContributor)
    scope: dataContainers[i]
    properties: {
      description: 'PeerFlow app identity: Storage Blob Data Contributor on ${container} (task hub / key ring)'
      roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', storageBlobDataContributor)
      principalId: identity.properties.principalId
      principalType: 'ServicePrincipal'
    }
  }
]

// Queues, on the account: the task hub makes its control queues (one per partition) and work-item queue at start,
// so they cannot be named ahead; they hold ids only. PeerFlow has no queues of its own.
resource queueAssignment 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(storage.id, identity.id, storageQueueDataContributor)
  scope: storage
  properties: {
    description: 'PeerFlow app identity: Storage Queue Data Contributor (the task hub\'s queues, made at start)'
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', storageQueueDataContributor)
    principalId: identity.properties.principalId
    principalType: 'ServicePrincipal'
  }
}

// Tables, on the account: the task hub's History and Instances tables and PeerFlow's own (referrals, people, email
// sends, ...) are made on first use under the task hub's prefix; a table-scoped role needs the table to exist first.
resource tableAssignment 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(storage.id, identity.id, storageTableDataContributor)
  scope: storage
  properties: {
    description: 'PeerFlow app identity: Storage Table Data Contributor (task hub and PeerFlow tables, made on first use)'
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', storageTableDataContributor)
    principalId: identity.properties.principalId
    principalType: 'ServicePrincipal'
  }
}

resource telemetryAssignment 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(appInsights.id, identity.id, monitoringMetricsPublisherRoleId)
  scope: appInsights
  properties: {
    description: 'PeerFlow app identity: Monitoring Metrics Publisher (Entra ID telemetry ingestion)'
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', monitoringMetricsPublisherRoleId)
    principalId: identity.properties.principalId
    principalType: 'ServicePrincipal'
  }
}

resource secretsAssignment 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(vault.id, identity.id, keyVaultSecretsUserRoleId)
  scope: vault
  properties: {
    description: 'PeerFlow app identity: Key Vault Secrets User (Key Vault references)'
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', keyVaultSecretsUserRoleId)
    principalId: identity.properties.principalId
    principalType: 'ServicePrincipal'
  }
}
