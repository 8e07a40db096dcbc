// PeerFlow on Azure: one resource group holds one environment (dev or prod).
//
//   az deployment group create --resource-group <rg> --parameters infra/env/<env>.bicepparam
//
// What it creates (see docs/deploy.md for the steps around it):
//   - a user-assigned managed identity that the app runs as, with data roles only;
//   - a storage account (no account keys) for the Functions host, PeerFlow's tables, queues
//     and blobs, and the deployment package;
//   - Log Analytics and Application Insights (Entra ID ingestion only), with an ingestion-time
//     transformation that takes signed-link tokens out of the telemetry;
//   - Key Vault (RBAC) for the SendGrid key, the recipient-hash key and the key ring certificate,
//     which are set afterwards with the CLI;
//   - the Function App on the Flex Consumption plan (FC1, Linux): PeerFlow as a .NET 10
//     isolated-worker app running Durable Functions on the Azure Storage backend, with App
//     Service Authentication (Entra ID). modules/functionapp.bicep explains the plan choice.
//
// What it cannot create: the Entra ID app registration with PeerFlow's app roles (Coordinator,
// Manager, Administrator) and the users' role assignments. They live in Microsoft Graph; the
// Bicep Graph extension comes from a registry this project cannot reach. docs/deploy.md
// (steps 3, 5 and 8) does them with the Azure CLI.

targetScope = 'resourceGroup'

@description('Environment name, part of every resource name.')
@allowed([
  'dev'
  'test'
  'prod'
])
param environmentName string

@description('Short name of the deployment, part of every resource name: lowercase letters and digits only.')
@minLength(3)
@maxLength(10)
param baseName string = 'peerflow'

@description('Azure region (Flex Consumption must be available there: az functionapp list-flexconsumption-locations).')
param location string = resourceGroup().location

@description('Function app name, which is also its host name. Empty = func-<baseName>-<env>-<suffix unique to the resource group>.')
@maxLength(32)
param appName string = ''

@description('Tags added to every resource.')
param tags object = {}

@description('Storage replication.')
@allowed([
  'Standard_LRS'
  'Standard_ZRS'
  'Standard_GRS'
  'Standard_GZRS'
])
param storageSku string = 'Standard_LRS'

@description('Days a deleted blob or container can be restored.')
@minValue(1)
@maxValue(365)
param blobSoftDeleteDays int = 7

@description('Days Log Analytics keeps logs and telemetry.')
@minValue(30)
@maxValue(730)
param logRetentionInDays int = 30

@description('Days a deleted Key Vault or secret can be recovered (cannot change after creation).')
@minValue(7)
@maxValue(90)
param keyVaultSoftDeleteRetentionInDays int = 90

@description('Key Vault purge protection (cannot be turned off once on: use true in production).')
param keyVaultPurgeProtection bool = true

@description('Most instances the app may scale out to.')
@minValue(40)
@maxValue(1000)
param maximumInstanceCount int = 40

@description('Memory of each instance, in MB.')
@allowed([
  512
  2048
  4096
])
param instanceMemoryMB int = 2048

@description('Instances kept warm for HTTP (billed while idle); 0 lets the app scale to zero.')
@minValue(0)
@maxValue(20)
param alwaysReadyHttpInstances int = 0

@description('Instances kept warm for the Durable Functions scale group (billed while idle); 0 lets the app scale to zero. Microsoft suggests 1 for Durable Functions on Flex Consumption to avoid cold starts.')
@minValue(0)
@maxValue(20)
param alwaysReadyDurableInstances int = 0

@description('Durable task hub name (Azure Storage backend: 3-45 letters and digits, starting with a letter). It prefixes the task hub\'s tables, queues and blob containers, and PeerFlow\'s own tables too; the app reads it from PEERFLOW_TASK_HUB. Changing it starts PeerFlow on an empty task hub and empty tables: running workflows and records stay behind under the old name.')
@minLength(3)
@maxLength(45)
param taskHub string = 'PeerFlow'

@description('Name of the Key Vault secret that holds the SendGrid API key (set with az keyvault secret set).')
param sendGridSecretName string = 'SendGridApiKey'

@description('Name of the Key Vault secret that keys the hashes of email recipients (PEERFLOW_HASH_KEY; set with az keyvault secret set, see docs/deploy.md step 6). The app refuses to start without it.')
param hashKeySecretName string = 'PeerFlowHashKey'

@description('Name of the Key Vault certificate that encrypts the Data Protection key ring at rest (PEERFLOW_KEYRING_CERTIFICATE; create it with az keyvault certificate create, see docs/deploy.md step 6). The app refuses to start without it.')
param keyRingCertificateName string = 'PeerFlowKeyRing'

@description('After renewing the key ring certificate: the version of the one before, which still reads the keys it encrypted (PEERFLOW_KEYRING_CERTIFICATE_PREVIOUS). Empty when there has been no renewal.')
param keyRingPreviousCertificateVersion string = ''

@description('Application (client) id of the Entra ID app registration for staff sign-in.')
@minLength(36)
@maxLength(36)
param authClientId string

@description('Entra ID tenant id of the app registration.')
@minLength(36)
@maxLength(36)
param authTenantId string = tenant().tenantId

@description('How Easy Auth authenticates to Entra ID: ManagedIdentity (federated credential, no secret) or ClientSecret (secret in Key Vault).')
@allowed([
  'ManagedIdentity'
  'ClientSecret'
])
param authClientCredential string = 'ManagedIdentity'

@description('Key Vault secret with the app registration\'s client secret; used only with authClientCredential = ClientSecret.')
param authClientSecretName string = 'EntraClientSecret'

@description('''Paths reachable without signing in (Easy Auth excludedPaths: an exact path, or a
prefix ending in /*; every HTTP method). The public referral form, the pages mentors and mentees
reach from emailed signed links and their API, the referral intake API for referrer systems, the start
page, the error pages, the health probe and the stylesheet those public pages use. PeerFlow's endpoint
table must agree (tests/PeerFlow.Hosting.Tests/PublicPathTests.cs).''')
param publicPaths string[] = [
  '/'
  '/healthz'
  '/refer'
  '/refer/*'
  '/m/*'
  '/api/referrals'
  '/api/links/*'
  '/css/*'
  '/status/*'
]

@description('Public base URL for links in emails (e.g. a custom domain); empty = https://<app default host name>.')
param publicBaseUrl string = ''

@description('Sender address of PeerFlow\'s emails: an address or domain SendGrid has verified (PEERFLOW_MAIL_FROM).')
@minLength(3)
param mailFromAddress string

@description('Sender display name of PeerFlow\'s emails (PEERFLOW_MAIL_FROM_NAME).')
param mailFromName string = 'PeerFlow'

@description('Twilio account SID for text messages (PEERFLOW_TWILIO_ACCOUNT_SID). Empty: PeerFlow sends no texts, and a scheme with texts on in the organisation file shows each text as not delivered while its emails go.')
param twilioAccountSid string = ''

@description('Name of the Key Vault secret that holds the Twilio auth token (set with az keyvault secret set); read only when twilioAccountSid is set.')
param twilioAuthTokenSecretName string = 'TwilioAuthToken'

@description('Sender of PeerFlow\'s texts (PEERFLOW_TWILIO_FROM): a Twilio number in E.164, or an alphanumeric sender id such as PeerFlow.')
param twilioFrom string = 'PeerFlow'

@description('Allow FTP/SCM basic publishing credentials. Off: deployments sign in with Entra ID.')
param allowBasicPublishingCredentials bool = false

var name = toLower(baseName)
// Storage account and Key Vault names are global; the suffix keeps them unique per resource group.
var suffix = take(uniqueString(subscription().id, resourceGroup().id, name, environmentName), 6)
var allTags = union(tags, {
  application: 'PeerFlow'
  environment: environmentName
})

var names = {
  identity: 'id-${name}-${environmentName}'
  storage: 'st${name}${environmentName}${suffix}'
  workspace: 'log-${name}-${environmentName}'
  appInsights: 'appi-${name}-${environmentName}'
  keyVault: 'kv-${name}-${environmentName}-${take(suffix, 4)}'
  plan: 'plan-${name}-${environmentName}'
  app: empty(appName) ? 'func-${name}-${environmentName}-${suffix}' : appName
}

module identity 'modules/identity.bicep' = {
  name: 'identity'
  params: {
    name: names.identity
    location: location
    tags: allTags
  }
}

// The blob containers the app's identity may use, made here so that its roles can be scoped to each of them rather
// than to the whole account (roles.bicep says why each needs what it gets).
var blobContainers = {
  // The Functions host: singleton and timer schedule locks, and host keys.
  host: [
    'azure-webjobs-hosts'
    'azure-webjobs-secrets'
  ]
  deployment: 'app-package'
  // DurableTask.AzureStorage: partition leases, the app lease, and messages too large for a queue. Names are the
  // task hub's, lower-cased, as the provider makes them.
  taskHub: [
    '${toLower(taskHub)}-leases'
    '${toLower(taskHub)}-applease'
    '${toLower(taskHub)}-largemessages'
  ]
  // PeerFlow: the Data Protection key ring ({table prefix}-keys; the prefix is the task hub).
  keyRing: '${toLower(taskHub)}-keys'
}

module storage 'modules/storage.bicep' = {
  name: 'storage'
  params: {
    name: names.storage
    location: location
    tags: allTags
    skuName: storageSku
    deploymentContainerName: blobContainers.deployment
    appContainerNames: concat(blobContainers.host, blobContainers.taskHub, [blobContainers.keyRing])
    blobSoftDeleteDays: blobSoftDeleteDays
  }
}

module monitoring 'modules/monitoring.bicep' = {
  name: 'monitoring'
  params: {
    workspaceName: names.workspace
    appInsightsName: names.appInsights
    location: location
    tags: allTags
    retentionInDays: logRetentionInDays
  }
}

// Link tokens out of the telemetry (see the module).
module telemetryRedaction 'modules/telemetry-redaction.bicep' = {
  name: 'telemetry-redaction'
  dependsOn: [
    monitoring
  ]
  params: {
    workspaceName: names.workspace
    ruleName: 'dcr-${names.workspace}-redact-links'
    location: location
    tags: allTags
    retentionInDays: logRetentionInDays
  }
}

module keyVault 'modules/keyvault.bicep' = {
  name: 'keyvault'
  params: {
    name: names.keyVault
    location: location
    tags: allTags
    softDeleteRetentionInDays: keyVaultSoftDeleteRetentionInDays
    enablePurgeProtection: keyVaultPurgeProtection
    workspaceId: monitoring.outputs.workspaceId
  }
}

// Names, not module outputs, so that what-if can predict the assignments: hence dependsOn.
module roles 'modules/roles.bicep' = {
  name: 'roles'
  dependsOn: [
    identity
    storage
    monitoring
    keyVault
  ]
  params: {
    identityName: names.identity
    storageAccountName: names.storage
    hostContainerNames: blobContainers.host
    deploymentContainerName: blobContainers.deployment
    dataContainerNames: concat(blobContainers.taskHub, [blobContainers.keyRing])
    appInsightsName: names.appInsights
    keyVaultName: names.keyVault
  }
}

module functionApp 'modules/functionapp.bicep' = {
  name: 'functionapp'
  // The app starts (and resolves its Key Vault references) only once its roles exist; roles
  // depends on monitoring, so Application Insights exists too.
  dependsOn: [
    roles
  ]
  params: {
    name: names.app
    planName: names.plan
    location: location
    tags: allTags
    identityId: identity.outputs.id
    identityClientId: identity.outputs.clientId
    storageAccountName: storage.outputs.name
    blobEndpoint: storage.outputs.blobEndpoint
    queueEndpoint: storage.outputs.queueEndpoint
    tableEndpoint: storage.outputs.tableEndpoint
    deploymentContainerUrl: storage.outputs.deploymentContainerUrl
    appInsightsName: names.appInsights
    keyVaultUri: keyVault.outputs.vaultUri
    sendGridSecretName: sendGridSecretName
    hashKeySecretName: hashKeySecretName
    keyRingCertificateName: keyRingCertificateName
    keyRingPreviousCertificateVersion: keyRingPreviousCertificateVersion
    taskHub: taskHub
    maximumInstanceCount: maximumInstanceCount
    instanceMemoryMB: instanceMemoryMB
    alwaysReadyHttpInstances: alwaysReadyHttpInstances
    alwaysReadyDurableInstances: alwaysReadyDurableInstances
    authClientId: authClientId
    authTenantId: authTenantId
    authClientCredential: authClientCredential
    authClientSecretName: authClientSecretName
    publicPaths: publicPaths
    publicBaseUrl: publicBaseUrl
    mailFromAddress: mailFromAddress
    mailFromName: mailFromName
    twilioAccountSid: twilioAccountSid
    twilioAuthTokenSecretName: twilioAuthTokenSecretName
    twilioFrom: twilioFrom
    allowBasicPublishingCredentials: allowBasicPublishingCredentials
  }
}

@description('Name of the function app.')
output appName string = functionApp.outputs.name

@description('Default host name of the function app (the sign-in redirect URI is https://<this>/.auth/login/aad/callback).')
output defaultHostName string = functionApp.outputs.defaultHostName

@description('Client id of the app\'s user-assigned managed identity.')
output identityClientId string = identity.outputs.clientId

@description('Object (principal) id of that identity: the subject of the app registration\'s federated credential.')
output identityPrincipalId string = identity.outputs.principalId

@description('Name of the storage account.')
output storageAccountName string = storage.outputs.name

@description('Name of the Key Vault.')
output keyVaultName string = keyVault.outputs.name
