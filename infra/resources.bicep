// The resources of one Digest environment, in its resource group (see main.bicep).
param location string
param tags object
param resourceToken string
param principalId string
param principalType string
param fetchSchedule string
param briefingSchedule string
param briefingHourUtc int
@secure()
param tokenSigningKey string
@secure()
param sendGridApiKey string
param maximumInstanceCount int

// Built-in role definition ids (learn.microsoft.com/azure/role-based-access-control/built-in-roles).
var roles = {
  storageBlobDataOwner: 'b7e6dc6d-f1e8-4753-8033-0f276bb0955b'
  storageQueueDataContributor: '974c5e8b-45b9-4653-ba55-5f855dd0fb88'
  storageTableDataContributor: '0a9a7e1f-b9d0-4cc4-a60d-0319b160aaa3'
  keyVaultSecretsUser: '4633458b-17de-408a-b874-0445c86b69e6'
  monitoringMetricsPublisher: '3913510d-42f4-4e42-8a64-420c390055eb'
}

var functionAppName = 'func-digest-${resourceToken}'
var deploymentContainerName = 'app-package-${take(functionAppName, 32)}'

resource identity 'Microsoft.ManagedIdentity/userAssignedIdentities@2023-01-31' = {
  name: 'id-digest-${resourceToken}'
  location: location
  tags: tags
}

// Shared keys off: the host, the app and the deployment all authenticate with the managed identity.
resource storage 'Microsoft.Storage/storageAccounts@2023-05-01' = {
  name: 'stdigest${take(resourceToken, 15)}'
  location: location
  tags: tags
  kind: 'StorageV2'
  sku: { name: 'Standard_LRS' }
  properties: {
    allowSharedKeyAccess: false
    allowBlobPublicAccess: false
    defaultToOAuthAuthentication: true
    minimumTlsVersion: 'TLS1_2'
    supportsHttpsTrafficOnly: true
    publicNetworkAccess: 'Enabled'
  }

  resource blobs 'blobServices' = {
    name: 'default'

    // Flex Consumption runs the app from a package in this container.
    resource deployment 'containers' = {
      name: deploymentContainerName
    }
  }
}

resource workspace 'Microsoft.OperationalInsights/workspaces@2023-09-01' = {
  name: 'log-digest-${resourceToken}'
  location: location
  tags: tags
  properties: {
    sku: { name: 'PerGB2018' }
    retentionInDays: 30
  }
}

// Local (key) authentication off: telemetry is sent with the managed identity (APPLICATIONINSIGHTS_AUTHENTICATION_STRING).
resource insights 'Microsoft.Insights/components@2020-02-02' = {
  name: 'appi-digest-${resourceToken}'
  location: location
  tags: tags
  kind: 'web'
  properties: {
    Application_Type: 'web'
    WorkspaceResourceId: workspace.id
    DisableLocalAuth: true
  }
}

// Secrets live here only; the app reads them through Key Vault references resolved with its identity.
resource vault 'Microsoft.KeyVault/vaults@2023-07-01' = {
  name: 'kv-digest-${take(resourceToken, 13)}'
  location: location
  tags: tags
  properties: {
    tenantId: tenant().tenantId
    sku: { family: 'A', name: 'standard' }
    enableRbacAuthorization: true
    enableSoftDelete: true
    softDeleteRetentionInDays: 7
  }

  resource tokenSecret 'secrets' = {
    name: 'token-signing-key'
    properties: { value: tokenSigningKey }
  }

  resource sendGridSecret 'secrets' = if (!empty(sendGridApiKey)) {
    name: 'sendgrid-api-key'
    properties: { value: sendGridApiKey }
  }
}

resource plan 'Microsoft.Web/serverfarms@2024-04-01' = {
  name: 'plan-digest-${resourceToken}'
  location: location
  tags: tags
  kind: 'functionapp'
  sku: { name: 'FC1', tier: 'FlexConsumption' }
  properties: { reserved: true }
}

var secretReference = '@Microsoft.KeyVault(VaultName=${vault.name};SecretName='

resource app 'Microsoft.Web/sites@2024-04-01' = {
  name: functionAppName
  location: location
  // azd finds what to deploy the "api" service of azure.yaml to by this tag.
  tags: union(tags, { 'azd-service-name': 'api' })
  kind: 'functionapp,linux'
  identity: {
    type: 'UserAssigned'
    userAssignedIdentities: { '${identity.id}': {} }
  }
  properties: {
    serverFarmId: plan.id
    httpsOnly: true
    keyVaultReferenceIdentity: identity.id
    siteConfig: {
      minTlsVersion: '1.2'
      ftpsState: 'Disabled'
    }
    functionAppConfig: {
      deployment: {
        storage: {
          type: 'blobContainer'
          value: '${storage.properties.primaryEndpoints.blob}${deploymentContainerName}'
          authentication: {
            type: 'UserAssignedIdentity'
            userAssignedIdentityResourceId: identity.id
          }
        }
      }
      scaleAndConcurrency: {
        instanceMemoryMB: 2048
        maximumInstanceCount: maximumInstanceCount
      }
      runtime: { name: 'dotnet-isolated', version: '10.0' }
    }
  }

  resource settings 'config' = {
    name: 'appsettings'
    properties: union({
      // The host's storage (timers' leases, queue triggers) and the app's archive: one account, by identity.
      AzureWebJobsStorage__credential: 'managedidentity'
      AzureWebJobsStorage__clientId: identity.properties.clientId
      AzureWebJobsStorage__blobServiceUri: storage.properties.primaryEndpoints.blob
      AzureWebJobsStorage__queueServiceUri: storage.properties.primaryEndpoints.queue
      AzureWebJobsStorage__tableServiceUri: storage.properties.primaryEndpoints.table
      AZURE_CLIENT_ID: identity.properties.clientId
      APPLICATIONINSIGHTS_CONNECTION_STRING: insights.properties.ConnectionString
      APPLICATIONINSIGHTS_AUTHENTICATION_STRING: 'ClientId=${identity.properties.clientId};Authorization=AAD'
      // The timers' schedules (NCRONTAB, UTC), read by %FetchSchedule% and %BriefingSchedule%.
      FetchSchedule: fetchSchedule
      BriefingSchedule: briefingSchedule
      Digest__Sources: 'sources.json'
      // The package is read-only on Flex Consumption; the outbox (without a SendGrid key) goes to the instance's temp.
      Digest__Data: '/tmp/digest'
      Digest__BriefingHourUtc: string(briefingHourUtc)
      Digest__TokenSigningKey: '${secretReference}token-signing-key)'
      // Where the confirm and unsubscribe links of every mail point: the app's own default host name.
      Digest__PublicBaseUrl: 'https://${app.properties.defaultHostName}/'
      // The mail's web copy: the account's static website endpoint, which serves the archive site the app writes to
      // $web (static website hosting is switched on by azure.yaml's postprovision hook: README, "Archive site").
      Digest__SiteBaseUrl: storage.properties.primaryEndpoints.web
    }, empty(sendGridApiKey) ? {} : {
      Digest__Mail__Kind: 'sendgrid'
      Digest__Mail__SendGridApiKey: '${secretReference}sendgrid-api-key)'
    })
  }
}

resource blobOwner 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(storage.id, identity.id, roles.storageBlobDataOwner)
  scope: storage
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', roles.storageBlobDataOwner)
    principalId: identity.properties.principalId
    principalType: 'ServicePrincipal'
  }
}

resource queueContributor 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(storage.id, identity.id, roles.storageQueueDataContributor)
  scope: storage
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', roles.storageQueueDataContributor)
    principalId: identity.properties.principalId
    principalType: 'ServicePrincipal'
  }
}

// The host writes its diagnostic events to a table in AzureWebJobsStorage.
resource tableContributor 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(storage.id, identity.id, roles.storageTableDataContributor)
  scope: storage
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', roles.storageTableDataContributor)
    principalId: identity.properties.principalId
    principalType: 'ServicePrincipal'
  }
}

resource secretsUser 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(vault.id, identity.id, roles.keyVaultSecretsUser)
  scope: vault
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', roles.keyVaultSecretsUser)
    principalId: identity.properties.principalId
    principalType: 'ServicePrincipal'
  }
}

resource metricsPublisher 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(insights.id, identity.id, roles.monitoringMetricsPublisher)
  scope: insights
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', roles.monitoringMetricsPublisher)
    principalId: identity.properties.principalId
    principalType: 'ServicePrincipal'
  }
}

// The deployer may read the archive and drive the queues (digest run --storage, digest serve --storage) with their login.
resource deployerBlobs 'Microsoft.Authorization/roleAssignments@2022-04-01' = if (!empty(principalId)) {
  name: guid(storage.id, principalId, roles.storageBlobDataOwner)
  scope: storage
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', roles.storageBlobDataOwner)
    principalId: principalId
    principalType: principalType
  }
}

resource deployerQueues 'Microsoft.Authorization/roleAssignments@2022-04-01' = if (!empty(principalId)) {
  name: guid(storage.id, principalId, roles.storageQueueDataContributor)
  scope: storage
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', roles.storageQueueDataContributor)
    principalId: principalId
    principalType: principalType
  }
}

output functionAppName string = app.name
output storageAccountName string = storage.name
output keyVaultName string = vault.name
output siteUrl string = storage.properties.primaryEndpoints.web
