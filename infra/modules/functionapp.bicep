// The Function App on the Flex Consumption plan (FC1, Linux), running PeerFlow as a custom
// handler, with App Service Authentication (Easy Auth) in front of it.
//
// Why Flex Consumption: custom handlers run on Consumption, Flex Consumption, Elastic Premium
// and Dedicated plans. Flex is the serverless Linux plan that is still being developed (Linux
// Consumption is being retired), it scales to zero (a few referrals a day cost next to
// nothing), it supports identity-based host storage and deployment storage without any
// account key, per-app scale limits, optional always-ready instances and virtual network
// integration if a later deployment needs it. Elastic Premium would keep at least one
// instance running (and billed) all the time; Dedicated needs a plan sized up front.
// Costs of the choice: no deployment slots, one app per plan, timer schedules in UTC
// (no WEBSITE_TIME_ZONE), a cold start after idle periods.

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

@description('Durable task hub name: the prefix of PeerFlow\'s orchestration tables and queues.')
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
      ftpsState: 'Disabled'
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
        alwaysReady: alwaysReadyHttpInstances > 0
          ? [
              {
                name: 'http'
                instanceCount: alwaysReadyHttpInstances
              }
            ]
          : []
      }
      // A custom handler: the host starts PeerFlow's own executable (host.json customHandler).
      runtime: {
        name: 'custom'
        version: '1.0'
      }
    }
  }
}

// App settings live in their own resource so that they can use the app's default host name.
// The value of PEERFLOW_SENDGRID_API_KEY is a Key Vault reference, never the key itself.
resource appSettings 'Microsoft.Web/sites/config@2024-11-01' = {
  parent: site
  name: 'appsettings'
  properties: {
    FUNCTIONS_EXTENSION_VERSION: '~4'
    // Host storage (leases, queue and timer triggers use the connection AzureWebJobsStorage)
    // through the user-assigned identity: no connection string, no key.
    AzureWebJobsStorage__credential: 'managedidentity'
    AzureWebJobsStorage__clientId: identityClientId
    AzureWebJobsStorage__blobServiceUri: blobEndpoint
    AzureWebJobsStorage__queueServiceUri: queueEndpoint
    AzureWebJobsStorage__tableServiceUri: tableEndpoint
    // PeerFlow's own storage clients (ManagedIdentityCredential with this client id).
    PEERFLOW_STORAGE_BLOB_URI: blobEndpoint
    PEERFLOW_STORAGE_QUEUE_URI: queueEndpoint
    PEERFLOW_STORAGE_TABLE_URI: tableEndpoint
    PEERFLOW_IDENTITY_CLIENT_ID: identityClientId
    PEERFLOW_TASK_HUB: taskHub
    PEERFLOW_SENDGRID_API_KEY: '@Microsoft.KeyVault(SecretUri=${keyVaultUri}secrets/${sendGridSecretName}/)'
    PEERFLOW_PUBLIC_BASE_URL: empty(publicBaseUrl) ? 'https://${site.properties.defaultHostName}' : publicBaseUrl
    // Telemetry with an Entra ID token from the identity (local auth is off on App Insights).
    APPLICATIONINSIGHTS_CONNECTION_STRING: appInsights.properties.ConnectionString
    APPLICATIONINSIGHTS_AUTHENTICATION_STRING: 'ClientId=${identityClientId};Authorization=AAD'
    // Easy Auth: accept tokens from this tenant only, and its client credential (see above).
    WEBSITE_AUTH_AAD_ALLOWED_TENANTS: authTenantId
    '${authSecretSettingName}': authSecretSettingValue
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
