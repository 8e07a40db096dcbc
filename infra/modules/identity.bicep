// The one user-assigned managed identity that PeerFlow runs as. It is created before
// the app so that its role assignments exist by the time the app first starts, and so
// that the same identity survives re-creating the app.

@description('Name of the user-assigned managed identity.')
param name string

@description('Azure region of the identity.')
param location string

@description('Tags for the identity.')
param tags object

resource identity 'Microsoft.ManagedIdentity/userAssignedIdentities@2024-11-30' = {
  name: name
  location: location
  tags: tags
}

@description('Resource id of the identity.')
output id string = identity.id

@description('Client (application) id: what ManagedIdentityCredential and the Functions host are given.')
output clientId string = identity.properties.clientId

@description('Object (principal) id: what role assignments are made to.')
output principalId string = identity.properties.principalId
