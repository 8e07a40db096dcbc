// Key Vault for the secrets PeerFlow cannot avoid (the SendGrid API key). Access is by
// Azure RBAC only (no access policies). The template creates no secret: values never pass
// through a template, a parameter file or deployment history. docs/deploy.md sets the
// secret with `az keyvault secret set`.

@description('Key Vault name: 3-24 letters, digits and hyphens, globally unique.')
@minLength(3)
@maxLength(24)
param name string

@description('Azure region of the vault.')
param location string

@description('Tags for the vault.')
param tags object

@description('Days a deleted vault or secret can be recovered (7-90; cannot change after creation).')
@minValue(7)
@maxValue(90)
param softDeleteRetentionInDays int

@description('Purge protection: nobody, not even an owner, can purge a deleted vault or secret before the retention period ends. Cannot be turned off once on.')
param enablePurgeProtection bool

@description('Log Analytics workspace that receives the vault\'s audit log (who read which secret).')
param workspaceId string

resource vault 'Microsoft.KeyVault/vaults@2024-11-01' = {
  name: name
  location: location
  tags: tags
  properties: {
    tenantId: tenant().tenantId
    sku: {
      family: 'A'
      name: 'standard'
    }
    enableRbacAuthorization: true
    enableSoftDelete: true
    softDeleteRetentionInDays: softDeleteRetentionInDays
    // The API accepts true or nothing: false is rejected, so leave it out when off.
    enablePurgeProtection: enablePurgeProtection ? true : null
    enabledForDeployment: false
    enabledForDiskEncryption: false
    enabledForTemplateDeployment: false
    // App Service resolves Key Vault references over the public endpoint unless the app
    // has virtual network integration; every call still needs an RBAC data role.
    publicNetworkAccess: 'Enabled'
    networkAcls: {
      bypass: 'AzureServices'
      defaultAction: 'Allow'
    }
  }
}

resource auditLog 'Microsoft.Insights/diagnosticSettings@2021-05-01-preview' = {
  name: 'audit-to-log-analytics'
  scope: vault
  properties: {
    workspaceId: workspaceId
    logs: [
      {
        categoryGroup: 'audit'
        enabled: true
      }
    ]
  }
}

@description('Name of the vault.')
output name string = vault.name

@description('Vault URI, e.g. https://<vault>.vault.azure.net/.')
output vaultUri string = vault.properties.vaultUri
