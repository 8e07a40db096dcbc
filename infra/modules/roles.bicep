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

// Built-in role definition ids (the same in every tenant).
var storageRoles = [
  {
    name: 'Storage Blob Data Owner' // host leases and deployment package; PeerFlow blobs (key ring)
    id: 'b7e6dc6d-f1e8-4753-8033-0f276bb0955b'
  }
  {
    name: 'Storage Queue Data Contributor' // host queue triggers; PeerFlow work queues
    id: '974c5e8b-45b9-4653-ba55-5f855dd0fb88'
  }
  {
    name: 'Storage Table Data Contributor' // PeerFlow records and orchestration history
    id: '0a9a7e1f-b9d0-4cc4-a60d-0319b160aaa3'
  }
]
var monitoringMetricsPublisherRoleId = '3913510d-42f4-4e42-8a64-420c390055eb'
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
