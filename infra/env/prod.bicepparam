// Production environment. Deploy with (docs/deploy.md):
//   export PEERFLOW_AUTH_CLIENT_ID=<application (client) id of the Entra ID app registration>
//   export PEERFLOW_MAIL_FROM=<sender address SendGrid has verified, e.g. referrals@example.org>
//   az deployment group create --resource-group rg-peerflow-prod --parameters infra/env/prod.bicepparam
using '../main.bicep'

param environmentName = 'prod'
param baseName = 'peerflow'

// Read when the file is compiled (az deployment, bicep build-params), so the id of the
// tenant's app registration is not committed (it is not a secret). Unset: error BCP427.
param authClientId = readEnvironmentVariable('PEERFLOW_AUTH_CLIENT_ID')

// The sender of PeerFlow's emails, read the same way (it differs per organisation). Unset:
// error BCP427 before anything is deployed, rather than mail from an unverified sender.
param mailFromAddress = readEnvironmentVariable('PEERFLOW_MAIL_FROM')

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
// Microsoft suggests one always-ready instance for Durable Functions on Flex Consumption (no
// cold start before an orchestration step); billed around the clock. Workflow steps here are
// days apart and a cold start delays them by seconds, so prod scales to zero too.
param alwaysReadyDurableInstances = 0

param tags = {
  costCentre: 'peerflow-prod'
}
