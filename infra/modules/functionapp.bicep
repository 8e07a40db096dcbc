// The Function App on the Flex Consumption plan (FC1, Linux): PeerFlow as a .NET 10
// isolated-worker app running Durable Functions (Azure Storage backend), with App Service
// Authentication (Easy Auth) in front of it.
//
// Why Flex Consumption: it is the serverless Linux plan that is still being developed (Linux
// Consumption is being retired), it scales to zero (a few referrals a day cost next to
// nothing), it runs the Durable Functions Azure Storage backend with identity-based host
// storage and reads its deployment package with a managed identity (no account key
// anywhere), and it has per-app scale limits, optional always-ready instances and virtual
// network integration if a later deployment needs it. Elastic Premium would keep at least one
// instance running (and billed) all the time; Dedicated needs a plan sized up front.
// Costs of the choice: no deployment slots, one app per plan, timer schedules in UTC
// (no WEBSITE_TIME_ZONE or TZ), a cold start after idle periods.
//
// Flex Consumption takes the language stack from functionAppConfig.runtime, not from app
// settings: FUNCTIONS_WORKER_RUNTIME, FUNCTIONS_EXTENSION_VERSION and WEBSITE_RUN_FROM_PACKAGE
// are on Microsoft's list of settings deprecated on this plan ("Flex Consumption plan
// deprecations" in the Functions app settings reference), and so is siteConfig.ftpsState.

@description('Name of the function app (also the host name: <name>.azurewebsites.net).')
@maxLength(32)
param name string

@description('Name of the Flex Consumption plan (one app per plan).')
param planName string

@description('Azure region.')
param location string

@description('Tags for the plan and the app.')
param tags object

@description('Resource id of the user-assigned identity the app runs as.')
param identityId string

@description('Client id of that identity.')
param identityClientId string

@description('Name of the storage account that holds host storage, the task hub and PeerFlow\'s data.')
param storageAccountName string

@description('Blob service endpoint of the storage account.')
param blobEndpoint string

@description('Queue service endpoint of the storage account.')
param queueEndpoint string

@description('Table service endpoint of the storage account.')
param tableEndpoint string

@description('URL of the blob container that holds the deployment package.')
param deploymentContainerUrl string

@description('Application Insights resource (local auth disabled).')
param appInsightsName string

@description('Key Vault URI, with its trailing slash.')
param keyVaultUri string

@description('Name of the Key Vault secret that holds the SendGrid API key.')
param sendGridSecretName string

@description('Name of the Key Vault secret that keys the hashes of email recipients.')
param hashKeySecretName string

@description('Name of the Key Vault certificate that encrypts the Data Protection key ring.')
param keyRingCertificateName string

@description('Version of the key ring certificate before the last renewal, or empty.')
param keyRingPreviousCertificateVersion string = ''

@description('Durable task hub name: the prefix of the task hub\'s tables, queues and blob containers. host.json reads it as %PEERFLOW_TASK_HUB%.')
param taskHub string

@description('Most instances the app may scale out to.')
@minValue(40)
@maxValue(1000)
param maximumInstanceCount int

@description('Memory of each instance, in MB.')
@allowed([
  512
  2048
  4096
])
param instanceMemoryMB int

@description('Instances kept warm for HTTP triggers (billed while idle). 0 = scale to zero.')
@minValue(0)
param alwaysReadyHttpInstances int

@description('Instances kept warm for the Durable Functions group (orchestrator, activity and entity triggers; billed while idle). 0 = scale to zero.')
@minValue(0)
param alwaysReadyDurableInstances int

@description('Application (client) id of the Entra ID app registration used for sign-in.')
param authClientId string

@description('Entra ID tenant of that app registration.')
param authTenantId string

@description('How Easy Auth proves itself to Entra ID when redeeming the sign-in code: ManagedIdentity (a federated credential on the app registration that trusts the app\'s identity; no secret) or ClientSecret (a client secret stored in Key Vault).')
@allowed([
  'ManagedIdentity'
  'ClientSecret'
])
param authClientCredential string

@description('Key Vault secret holding the app registration\'s client secret (only used with authClientCredential = ClientSecret).')
param authClientSecretName string

@description('Paths Easy Auth lets through without sign-in (exact paths, or a prefix ending in /*). They match every HTTP method.')
param publicPaths string[]

@description('Public base URL used in emails and links; empty = https://<default host name>.')
param publicBaseUrl string

@description('Sender address of PeerFlow\'s emails (a sender SendGrid has verified).')
param mailFromAddress string

@description('Sender display name of PeerFlow\'s emails.')
param mailFromName string

@description('Twilio account SID; empty: no texts.')
param twilioAccountSid string

@description('Name of the Key Vault secret that holds the Twilio auth token.')
param twilioAuthTokenSecretName string

@description('Sender of PeerFlow\'s texts: a Twilio number or an alphanumeric sender id.')
param twilioFrom string

@description('Allow FTP and SCM basic (user name and password) publishing credentials. Off: deploy with an Entra ID sign-in.')
param allowBasicPublishingCredentials bool

// Easy Auth reads the client credential from the app setting this names. The special name
// OVERRIDE_USE_MI_FIC_ASSERTION_CLIENTID makes it sign a client assertion with the managed
// identity whose client id the setting holds, instead of sending a secret.
var authSecretSettingName = authClientCredential == 'ManagedIdentity'
  ? 'OVERRIDE_USE_MI_FIC_ASSERTION_CLIENTID'
  : 'MICROSOFT_PROVIDER_AUTHENTICATION_SECRET'
var authSecretSettingValue = authClientCredential == 'ManagedIdentity'
  ? identityClientId
  : '@Microsoft.KeyVault(SecretUri=${keyVaultUri}secrets/${authClientSecretName}/)'

resource appInsights 'Microsoft.Insights/components@2020-02-02' existing = {
  name: appInsightsName
}

resource plan 'Microsoft.Web/serverfarms@2024-11-01' = {
  name: planName
  location: location
  tags: tags
  kind: 'functionapp'
  sku: {
    name: 'FC1'
    tier: 'FlexConsumption'
  }
  properties: {
    reserved: true // Linux
  }
}

resource site 'Microsoft.Web/sites@2024-11-01' = {
  name: name
  location: location
  tags: tags
  kind: 'functionapp,linux'
  identity: {
    type: 'UserAssigned'
    userAssignedIdentities: {
      '${identityId}': {}
    }
  }
  properties: {
    serverFarmId: plan.id
    httpsOnly: true
    // Key Vault references (@Microsoft.KeyVault(...)) resolve with this identity.
    keyVaultReferenceIdentity: identityId
    siteConfig: {
      minTlsVersion: '1.2'
      scmMinTlsVersion: '1.2'
      // No ftpsState: Flex Consumption has no FTP(S) at all (the property is deprecated there),
      // and the ftp and scm basic publishing credential policies below are off by default.
      http20Enabled: true
    }
    functionAppConfig: {
      deployment: {
        storage: {
          type: 'blobContainer'
          value: deploymentContainerUrl
          authentication: {
            type: 'UserAssignedIdentity'
            userAssignedIdentityResourceId: identityId
          }
        }
      }
      scaleAndConcurrency: {
        maximumInstanceCount: maximumInstanceCount
        instanceMemoryMB: instanceMemoryMB
        // Per-function scale groups: 'http' (every HTTP trigger) and 'durable' (every
        // orchestrator, activity and entity trigger). A group with 0 is left out.
        alwaysReady: concat(
          alwaysReadyHttpInstances > 0
            ? [
                {
                  name: 'http'
                  instanceCount: alwaysReadyHttpInstances
                }
              ]
            : [],
          alwaysReadyDurableInstances > 0
            ? [
                {
                  name: 'durable'
                  instanceCount: alwaysReadyDurableInstances
                }
              ]
            : []
        )
      }
      // The .NET 10 isolated worker (functions/PeerFlow.Functions.csproj, net10.0). This is
      // where Flex Consumption takes the stack from; there is no FUNCTIONS_WORKER_RUNTIME app
      // setting. docs/deploy.md ("Runtime") records which versions Microsoft documents for Flex.
      runtime: {
        name: 'dotnet-isolated'
        version: '10.0'
      }
    }
  }
}

// App settings live in their own resource so that they can use the app's default host name.
// The values of PEERFLOW_SENDGRID_API_KEY and PEERFLOW_HASH_KEY are Key Vault references, never the secrets themselves.
// Not set, on purpose (Flex Consumption deprecates them; the platform sets or replaces them):
// FUNCTIONS_WORKER_RUNTIME and FUNCTIONS_WORKER_RUNTIME_VERSION (functionAppConfig.runtime),
// FUNCTIONS_EXTENSION_VERSION (set by the backend), WEBSITE_RUN_FROM_PACKAGE and
// WEBSITE_CONTENT* (functionAppConfig.deployment), WEBSITE_TIME_ZONE and TZ (unsupported).
resource appSettings 'Microsoft.Web/sites/config@2024-11-01' = {
  parent: site
  name: 'appsettings'
  properties: {
    // Host storage, through the user-assigned identity: no connection string, no key. The
    // connection named AzureWebJobsStorage serves the host (leases, timer schedule monitor,
    // keys) and the Durable Functions Azure Storage provider, whose task hub uses all three
    // services: control and work-item queues, History and Instances tables, lease and
    // large-message blobs. Both documented forms are given, and they name the same account:
    //   - __accountName, the form Durable Functions' managed identity guide gives for public
    //     Azure; on its own it means https://<account>.{blob,queue,table}.core.windows.net.
    //   - __blobServiceUri, __queueServiceUri and __tableServiceUri (all three: the task hub
    //     needs queues and tables, not only blobs), from the account's own primaryEndpoints,
    //     which are right in every cloud. The Durable extension takes a service URI when one
    //     is set and builds one from the account name only otherwise.
    // __credential = managedidentity with __clientId picks the user-assigned identity;
    // Durable Functions does not accept managedIdentityResourceId here, only clientId.
    AzureWebJobsStorage__accountName: storageAccountName
    AzureWebJobsStorage__credential: 'managedidentity'
    AzureWebJobsStorage__clientId: identityClientId
    AzureWebJobsStorage__blobServiceUri: blobEndpoint
    AzureWebJobsStorage__queueServiceUri: queueEndpoint
    AzureWebJobsStorage__tableServiceUri: tableEndpoint
    // PeerFlow's own storage clients (ManagedIdentityCredential with this client id).
    // (No queue URI: PeerFlow's own work queues went with the custom handler; the task hub's
    // queues are reached through AzureWebJobsStorage.)
    PEERFLOW_STORAGE_BLOB_URI: blobEndpoint
    PEERFLOW_STORAGE_TABLE_URI: tableEndpoint
    // PeerFlow's start page is at /: without this the host answers / with its own
    // "Your Functions app is up and running" page before any function sees the request.
    AzureWebJobsDisableHomepage: 'true'
    PEERFLOW_IDENTITY_CLIENT_ID: identityClientId
    // The Durable task hub (host.json: extensions.durableTask.hubName = %PEERFLOW_TASK_HUB%).
    PEERFLOW_TASK_HUB: taskHub
    PEERFLOW_SENDGRID_API_KEY: '@Microsoft.KeyVault(SecretUri=${keyVaultUri}secrets/${sendGridSecretName}/)'
    // The HMAC key of the send log's recipient hashes: away from the storage account that holds the hashes, so that
    // reading the table is not enough to test a list of addresses against them. Without it the app does not start.
    PEERFLOW_HASH_KEY: '@Microsoft.KeyVault(SecretUri=${keyVaultUri}secrets/${hashKeySecretName}/)'
    // The certificate (its secret: the PKCS#12 with the private key) that encrypts the Data Protection key ring in
    // the storage account, so that reading the -keys container is not enough to mint mentors' links or form tokens.
    PEERFLOW_KEYRING_CERTIFICATE: '@Microsoft.KeyVault(SecretUri=${keyVaultUri}secrets/${keyRingCertificateName}/)'
    PEERFLOW_MAIL_FROM: mailFromAddress
    PEERFLOW_MAIL_FROM_NAME: mailFromName
    // Texts through Twilio: the token is a Key Vault reference like the SendGrid key, and only when an account is
    // named (a reference to a secret never set would leave the setting unresolved at every start).
    PEERFLOW_TWILIO_ACCOUNT_SID: twilioAccountSid
    PEERFLOW_TWILIO_AUTH_TOKEN: empty(twilioAccountSid) ? '' : '@Microsoft.KeyVault(SecretUri=${keyVaultUri}secrets/${twilioAuthTokenSecretName}/)'
    PEERFLOW_TWILIO_FROM: twilioFrom
    // The App Service front end appends the caller's address to X-Forwarded-For; the worker itself sees the Functions
    // host, so without this every caller would share one rate limit on anonymous posts.
    PEERFLOW_TRUST_FORWARDED_FOR: 'true'
    PEERFLOW_PUBLIC_BASE_URL: empty(publicBaseUrl) ? 'https://${site.properties.defaultHostName}' : publicBaseUrl
    // Telemetry with an Entra ID token from the identity (local auth is off on App Insights).
    APPLICATIONINSIGHTS_CONNECTION_STRING: appInsights.properties.ConnectionString
    APPLICATIONINSIGHTS_AUTHENTICATION_STRING: 'ClientId=${identityClientId};Authorization=AAD'
    // Easy Auth: accept tokens from this tenant only, and its client credential (see above).
    WEBSITE_AUTH_AAD_ALLOWED_TENANTS: authTenantId
    '${authSecretSettingName}': authSecretSettingValue
    // Only after a renewal (empty otherwise): the certificate before, pinned to its version, to read the keys it encrypted.
    PEERFLOW_KEYRING_CERTIFICATE_PREVIOUS: empty(keyRingPreviousCertificateVersion) ? '' : '@Microsoft.KeyVault(SecretUri=${keyVaultUri}secrets/${keyRingCertificateName}/${keyRingPreviousCertificateVersion})'
  }
}

// App Service Authentication with Entra ID. Every path needs a signed-in user except the
// public ones, which Easy Auth cannot restrict by HTTP method: see docs/deploy.md
// ("Public paths") for what PeerFlow itself must therefore check.
resource authSettings 'Microsoft.Web/sites/config@2024-11-01' = {
  parent: site
  name: 'authsettingsV2'
  properties: {
    platform: {
      enabled: true
      runtimeVersion: '~1'
    }
    globalValidation: {
      requireAuthentication: true
      unauthenticatedClientAction: 'RedirectToLoginPage'
      redirectToProvider: 'azureactivedirectory'
      excludedPaths: publicPaths
    }
    httpSettings: {
      requireHttps: true
      routes: {
        apiPrefix: '/.auth'
      }
      forwardProxy: {
        convention: 'NoProxy'
      }
    }
    identityProviders: {
      azureActiveDirectory: {
        enabled: true
        registration: {
          clientId: authClientId
          clientSecretSettingName: authSecretSettingName
          openIdIssuer: '${environment().authentication.loginEndpoint}${authTenantId}/v2.0'
        }
        validation: {
          allowedAudiences: [
            'api://${authClientId}'
          ]
        }
        login: {
          disableWWWAuthenticate: false
        }
      }
    }
    login: {
      // PeerFlow reads the signed-in user from X-MS-CLIENT-PRINCIPAL and calls no API on the
      // user's behalf, so no tokens are kept.
      tokenStore: {
        enabled: false
      }
      preserveUrlFragmentsForLogins: false
      cookieExpiration: {
        convention: 'FixedTime'
        timeToExpiration: '08:00:00'
      }
      nonce: {
        validateNonce: true
      }
    }
  }
}

resource ftpCredentials 'Microsoft.Web/sites/basicPublishingCredentialsPolicies@2024-11-01' = {
  parent: site
  name: 'ftp'
  properties: {
    allow: allowBasicPublishingCredentials
  }
}

resource scmCredentials 'Microsoft.Web/sites/basicPublishingCredentialsPolicies@2024-11-01' = {
  parent: site
  name: 'scm'
  properties: {
    allow: allowBasicPublishingCredentials
  }
}

@description('Name of the function app.')
output name string = site.name

@description('Default host name, e.g. <app>.azurewebsites.net.')
output defaultHostName string = site.properties.defaultHostName
