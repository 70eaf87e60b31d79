// Environment sensor: several names in one format string, others through a helper.
#include <stdio.h>

#include "iothub_device_client_ll.h"
#include "iothub_message.h"
#include "device_app.h"
#include "bme280.h"

#define TELEMETRY_PRESSURE "presure" // expect: AICS007
#define TELEMETRY_BATTERY  "batteryLevel"

static void send_json(IOTHUB_DEVICE_CLIENT_LL_HANDLE hub, const char* json)
{
    IOTHUB_MESSAGE_HANDLE message = IoTHubMessage_CreateFromString(json);
    if (message != NULL)
    {
        (void)IoTHubMessage_SetContentTypeSystemProperty(message, "application%2fjson");
        (void)IoTHubMessage_SetContentEncodingSystemProperty(message, "utf-8");
        (void)IoTHubDeviceClient_LL_SendEventAsync(hub, message, NULL, NULL);
        IoTHubMessage_Destroy(message);
    }
}

// Sends {"<name>":<value>} as one telemetry message.
static void send_double(IOTHUB_DEVICE_CLIENT_LL_HANDLE hub, const char* name, double value)
{
    char json[64];
    if (snprintf(json, sizeof(json), "{\"%s\":%.2f}", name, value) > 0)
    {
        send_json(hub, json);
    }
}

void app_init(IOTHUB_DEVICE_CLIENT_LL_HANDLE device_handle)
{
    (void)device_handle;
    bme280_init();
}

void app_send_telemetry(IOTHUB_DEVICE_CLIENT_LL_HANDLE device_handle)
{
    char json[96];
    BME280_SAMPLE sample;

    bme280_read(&sample);
    (void)snprintf(json, sizeof(json), "{\"temperature\":%.1f,\"humidity\":%.1f}",
                   sample.temperature_c, sample.humidity_pct);
    send_json(device_handle, json);

    send_double(device_handle, TELEMETRY_PRESSURE, sample.pressure_hpa);
    send_double(device_handle, TELEMETRY_BATTERY, bme280_battery_percent());
}

@@@
#define X 1
@@@
{
  "@context": "dtmi:dtdl:context;2",
  "@id": "dtmi:contoso:env:EnvironmentSensor;1",
  "@type": "Interface",
  "displayName": "Environment sensor",
  "contents": [
    {
      "@type": [
        "Telemetry",
        "Temperature"
      ],
      "name": "temperature",
      "schema": "double",
      "unit": "degreeCelsius"
    },
    {
      "@type": [
        "Telemetry",
        "RelativeHumidity"
      ],
      "name": "humidity",
      "schema": "double",
      "unit": "percent"
    },
    {
      "@type": [
        "Telemetry",
        "Pressure"
      ],
      "name": "pressure",
      "schema": "double",
      "unit": "millibar"
    },
    {
      "@type": "Telemetry",
      "name": "batteryLevel",
      "displayName": "Battery level (%)",
      "schema": "double"
    },
    {
      "@type": "Property",
      "name": "reportingIntervalSeconds",
      "schema": "integer",
      "writable": true
    },
    {
      "@type": "Command",
      "name": "calibrate",
      "request": {
        "name": "referenceTemperature",
        "schema": "double"
      }
    }
  ]
}
