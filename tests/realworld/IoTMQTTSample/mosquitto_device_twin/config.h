// Copyright (c) Microsoft Corporation.
// Licensed under the MIT License.

#define IOTHUBNAME "{iothub_name}"
#define DEVICEID   "{device_id}"
#define SAS_TOKEN  "{sas_token}"

#define CERTIFICATEFILE CERT_PATH "IoTHubRootCA.crt.pem"