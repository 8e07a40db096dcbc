// Development environment. Deploy with (docs/deploy.md):
//   export PEERFLOW_AUTH_CLIENT_ID=<application (client) id of the Entra ID app registration>
//   export PEERFLOW_MAIL_FROM=<sender address SendGrid has verified, e.g. referrals@example.org>
//   az deployment group create --resource-group rg-peerflow-dev --parameters infra/env/dev.bicepparam
using '../main.bicep'

param environmentName = 'dev'
param baseName = 'peerflow'

// Read when the file is compiled (az deployment, bicep build-params), so the id of the
// tenant's app registration is not committed (it is not a secret). Unset: error BCP427.
param authClientId = readEnvironmentVariable('PEERFLOW_AUTH_CLIENT_ID')

// The sender of PeerFlow's emails, read the same way (it differs per organisation). Unset:
// error BCP427 before anything is deployed, rather than mail from an unverified sender.
param mailFromAddress = readEnvironmentVariable('PEERFLOW_MAIL_FROM')

param storageSku = 'Standard_LRS'
param logRetentionInDays = 30

// Dev vaults are thrown away and re-created: no purge protection, shortest soft delete.
param keyVaultPurgeProtection = false
param keyVaultSoftDeleteRetentionInDays = 7

param maximumInstanceCount = 40
param instanceMemoryMB = 2048
param alwaysReadyHttpInstances = 0
param alwaysReadyDurableInstances = 0

param tags = {
  costCentre: 'peerflow-dev'
}
