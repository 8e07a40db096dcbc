// Production environment. Deploy with (docs/deploy.md):
//   export PEERFLOW_AUTH_CLIENT_ID=<application (client) id of the Entra ID app registration>
//   az deployment group create --resource-group rg-peerflow-prod --parameters infra/env/prod.bicepparam
using '../main.bicep'

param environmentName = 'prod'
param baseName = 'peerflow'

// Read when the file is compiled (az deployment, bicep build-params), so the id of the
// tenant's app registration is not committed (it is not a secret). Unset: error BCP427.
param authClientId = readEnvironmentVariable('PEERFLOW_AUTH_CLIENT_ID')

// Zone-redundant: referral records survive the loss of one zone.
param storageSku = 'Standard_ZRS'
param blobSoftDeleteDays = 14
// Logs and telemetry carry ids only (no personal data), kept 90 days for investigations.
param logRetentionInDays = 90

// Secrets cannot be purged early, even by an owner.
param keyVaultPurgeProtection = true
param keyVaultSoftDeleteRetentionInDays = 90

param maximumInstanceCount = 100
param instanceMemoryMB = 2048
// Scale to zero. Set to 1 to keep one HTTP instance warm (no cold start for the first
// coordinator of the morning), billed around the clock.
param alwaysReadyHttpInstances = 0

param tags = {
  costCentre: 'peerflow-prod'
}
