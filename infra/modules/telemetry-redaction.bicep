// Signed-link tokens out of Application Insights. Links carry their token in the query string (/m/{slug}?t=…), which
// the Functions host leaves out of the request URLs it records; but links of the older form (/m/{slug}/{token},
// /api/links/{action}/{token}) still work until they expire, and other columns (a dependency's data, a trace's
// message) may hold a whole address: a working link for whoever reads the telemetry. The isolated worker cannot
// change the host's telemetry (Azure/azure-functions-dotnet-worker issue 2024, by design), so the workspace rewrites
// it as it arrives: an ingestion-time transformation (a data collection rule of kind WorkspaceTransforms, made the
// workspace's default) replaces the token with {token} in the columns that hold URLs.
// The expression is LinkTokenRedaction.Pattern in web/PeerFlow.Web; a template test keeps the two equal.

@description('Name of the Log Analytics workspace (made by monitoring.bicep).')
param workspaceName string

@description('Name of the data collection rule.')
param ruleName string

@description('Azure region of the workspace.')
param location string

@description('Tags for both resources.')
param tags object

@description('Days Log Analytics keeps data: the same value monitoring.bicep gives the workspace.')
param retentionInDays int

var token = '''(?i)(/(?:m|api/links)/[^/?#\s]+(?:/|\?(?:[^#\s]*&)?t=))[^/?#&\s]+'''
var redact = 'replace_regex({0}, @\'${token}\', @\'\\1{{token}}\')'

resource redaction 'Microsoft.Insights/dataCollectionRules@2023-03-11' = {
  name: ruleName
  location: location
  tags: tags
  kind: 'WorkspaceTransforms'
  properties: {
    dataSources: {}
    destinations: {
      logAnalytics: [
        {
          name: 'workspace'
          workspaceResourceId: resourceId('Microsoft.OperationalInsights/workspaces', workspaceName)
        }
      ]
    }
    dataFlows: [
      {
        // The host's request telemetry: the URL, and the name when it is the path.
        streams: ['Microsoft-Table-AppRequests']
        destinations: ['workspace']
        transformKql: 'source | extend Url = ${format(redact, 'Url')}, Name = ${format(redact, 'Name')}'
      }
      {
        // The host forwarding requests to the worker, and any call that carries a link.
        streams: ['Microsoft-Table-AppDependencies']
        destinations: ['workspace']
        transformKql: 'source | extend Data = ${format(redact, 'Data')}, Name = ${format(redact, 'Name')}'
      }
      {
        // Log lines (the host's and the worker's) that quote a URL.
        streams: ['Microsoft-Table-AppTraces']
        destinations: ['workspace']
        transformKql: 'source | extend Message = ${format(redact, 'Message')}'
      }
    ]
  }
}

// The workspace again, as monitoring.bicep makes it, now with the rule as its default: the rule names the workspace,
// so the workspace cannot name the rule when it is first made.
resource workspace 'Microsoft.OperationalInsights/workspaces@2025-02-01' = {
  name: workspaceName
  location: location
  tags: tags
  properties: {
    sku: {
      name: 'PerGB2018'
    }
    retentionInDays: retentionInDays
    features: {
      enableLogAccessUsingOnlyResourcePermissions: true
    }
    defaultDataCollectionRuleResourceId: redaction.id
  }
}
