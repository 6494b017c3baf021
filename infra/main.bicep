// Digest on Azure: `azd up` deploys this at subscription scope. One resource group with a Flex Consumption (FC1)
// Functions app (.NET 10 isolated), its storage account (shared keys off: every caller uses Entra ID), a user-assigned
// managed identity holding exactly the roles the app and the Functions host need, Application Insights, and a Key
// Vault for the secrets. Plain resource declarations (resources.bicep): registry modules cannot be restored offline.
targetScope = 'subscription'

@minLength(1)
@maxLength(64)
@description('The azd environment name; names the resource group and seeds every resource name.')
param environmentName string

@minLength(1)
@description('Azure region; Flex Consumption is offered in a subset of regions.')
@metadata({ azd: { type: 'location' } })
param location string

@description('Object id of whoever deploys (a user or a CI principal): given data roles on the storage account for digest run --storage.')
param principalId string = deployer().objectId

@allowed([ 'User', 'ServicePrincipal' ])
param principalType string = 'User'

@description('NCRONTAB (six fields, UTC) of the fetch timer.')
param fetchSchedule string = '0 */15 * * * *'

@description('NCRONTAB (six fields, UTC) of the briefing timer: hourly, so every subscriber\'s morning has a tick.')
param briefingSchedule string = '0 0 * * * *'

@minValue(0)
@maxValue(23)
@description('The UTC hour from which the day\'s briefing is sent.')
param briefingHourUtc int = 6

@secure()
@minLength(32)
@description('Signs the tokens of unsubscribe links; stored in Key Vault only.')
param tokenSigningKey string

@secure()
@description('The SendGrid API key; stored in Key Vault only. Empty: no secret is created.')
param sendGridApiKey string = ''

@description('Most instances the app may scale out to.')
@minValue(1)
@maxValue(1000)
param maximumInstanceCount int = 40

var tags = { 'azd-env-name': environmentName }

resource resourceGroup 'Microsoft.Resources/resourceGroups@2024-03-01' = {
  name: 'rg-${environmentName}'
  location: location
  tags: tags
}

module resources 'resources.bicep' = {
  name: 'digest-resources'
  scope: resourceGroup
  params: {
    location: location
    tags: tags
    resourceToken: toLower(uniqueString(subscription().id, environmentName, location))
    principalId: principalId
    principalType: principalType
    fetchSchedule: fetchSchedule
    briefingSchedule: briefingSchedule
    briefingHourUtc: briefingHourUtc
    tokenSigningKey: tokenSigningKey
    sendGridApiKey: sendGridApiKey
    maximumInstanceCount: maximumInstanceCount
  }
}

output AZURE_LOCATION string = location
output AZURE_TENANT_ID string = tenant().tenantId
output AZURE_RESOURCE_GROUP string = resourceGroup.name
output AZURE_FUNCTION_NAME string = resources.outputs.functionAppName
output SERVICE_API_NAME string = resources.outputs.functionAppName
output AZURE_STORAGE_ACCOUNT_NAME string = resources.outputs.storageAccountName
output AZURE_KEY_VAULT_NAME string = resources.outputs.keyVaultName
// The archive site's address (`azd env get-value DIGEST_SITE_URL`), served once the postprovision hook has run.
output DIGEST_SITE_URL string = resources.outputs.siteUrl
