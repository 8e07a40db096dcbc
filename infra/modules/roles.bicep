// Every role the app's identity holds, and nothing broader: data-plane roles scoped to
// the one resource each is needed on. No Contributor, Owner or account-key roles.
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

// Built-in role definition ids (the same in every tenant). The three storage roles are what
// the Functions host and the Durable Functions Azure Storage provider need on the one account
// that AzureWebJobsStorage names, plus what PeerFlow's own tables and blobs need; no role
// reads account keys or manages the account.
var storageRoles = [
  {
    // Host: lease blobs (singleton, timer schedule monitor) and host keys. Flex Consumption:
    // the app-package deployment container, read and written with this identity. Task hub:
    // partition lease blobs and large-message blobs. PeerFlow: its own blobs (key ring).
    // Owner rather than Contributor: the Functions host's identity-based AzureWebJobsStorage
    // is documented with Blob Data Owner ("Connecting to host storage with an identity");
    // Durable Functions on its own would need only Blob Data Contributor, which Owner covers.
    name: 'Storage Blob Data Owner'
    id: 'b7e6dc6d-f1e8-4753-8033-0f276bb0955b'
  }
  {
    // Task hub: the control queues (one per partition) and the work-item queue.
    name: 'Storage Queue Data Contributor'
    id: '974c5e8b-45b9-4653-ba55-5f855dd0fb88'
  }
  {
    // Task hub: the History and Instances tables (and partition table if enabled). PeerFlow:
    // its own records (referrals, email sends, notices).
    name: 'Storage Table Data Contributor'
    id: '0a9a7e1f-b9d0-4cc4-a60d-0319b160aaa3'
  }
]
// Application Insights has local (instrumentation key) auth disabled: telemetry is accepted
// only with an Entra ID token carrying this role (APPLICATIONINSIGHTS_AUTHENTICATION_STRING).
var monitoringMetricsPublisherRoleId = '3913510d-42f4-4e42-8a64-420c390055eb'
// Key Vault references (PEERFLOW_SENDGRID_API_KEY, and the Easy Auth client secret if that
// option is chosen) resolve with this identity: read secrets, nothing else.
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

resource storageAssignments 'Microsoft.Authorization/roleAssignments@2022-04-01' = [
  for role in storageRoles: {
    name: guid(storage.id, identity.id, role.id)
    scope: storage
    properties: {
      description: 'PeerFlow app identity: ${role.name}'
      roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', role.id)
      principalId: identity.properties.principalId
      principalType: 'ServicePrincipal'
    }
  }
]

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
