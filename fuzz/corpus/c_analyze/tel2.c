// Air purifier: fan speed at root, particulate and CO2 readings in the airQuality component.
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

#include <azure/core/az_json.h>
#include <azure/core/az_result.h>
#include <azure/core/az_span.h>
#include <azure/iot/az_iot_hub_client.h>
#include <azure/iot/az_iot_hub_client_properties.h>

#include "device.h"

#define RETURN_IF_FAILED(expr)        \
  do                                  \
  {                                   \
    az_result const _r = (expr);      \
    if (az_result_failed(_r))         \
    {                                 \
      return _r;                      \
    }                                 \
  } while (0)

#include "air_sensors.h"

#define AIR_QUALITY_COMPONENT "airQuality"

static az_result publish_root_telemetry(void)
{
  char topic[128];
  uint8_t payload[64];
  az_json_writer jw;

  RETURN_IF_FAILED(az_iot_hub_client_telemetry_get_publish_topic(&hub_client, NULL, topic, sizeof(topic), NULL));
  RETURN_IF_FAILED(az_json_writer_init(&jw, AZ_SPAN_FROM_BUFFER(payload), NULL));
  RETURN_IF_FAILED(az_json_writer_append_begin_object(&jw));
  RETURN_IF_FAILED(az_json_writer_append_property_name(&jw, AZ_SPAN_FROM_STR("fanSpeed")));
  RETURN_IF_FAILED(az_json_writer_append_double(&jw, fan_read_rpm(), 0));
  RETURN_IF_FAILED(az_json_writer_append_end_object(&jw));
  mqtt_publish_message(topic, az_json_writer_get_bytes_used_in_destination(&jw));
  return AZ_OK;
}

static az_result publish_air_quality(void)
{
  char topic[128];
  uint8_t properties_buffer[64];
  uint8_t payload[96];
  az_iot_message_properties properties;
  az_json_writer jw;
  air_sample sample;

  air_sensors_read(&sample);

  RETURN_IF_FAILED(az_iot_message_properties_init(&properties, AZ_SPAN_FROM_BUFFER(properties_buffer), 0));
  RETURN_IF_FAILED(az_iot_message_properties_append(
      &properties, AZ_SPAN_FROM_STR(AZ_IOT_MESSAGE_COMPONENT_NAME), AZ_SPAN_FROM_STR(AIR_QUALITY_COMPONENT)));
  RETURN_IF_FAILED(az_iot_hub_client_telemetry_get_publish_topic(&hub_client, &properties, topic, sizeof(topic), NULL));

  RETURN_IF_FAILED(az_json_writer_init(&jw, AZ_SPAN_FROM_BUFFER(payload), NULL));
  RETURN_IF_FAILED(az_json_writer_append_begin_object(&jw));
  RETURN_IF_FAILED(az_json_writer_append_property_name(&jw, AZ_SPAN_FROM_STR("pm25")));
  RETURN_IF_FAILED(az_json_writer_append_double(&jw, sample.pm25_ugm3, 1));
  RETURN_IF_FAILED(az_json_writer_append_property_name(&jw, AZ_SPAN_FROM_STR("co2")));
  RETURN_IF_FAILED(az_json_writer_append_int32(&jw, sample.co2_ppm));
  RETURN_IF_FAILED(az_json_writer_append_end_object(&jw));
  mqtt_publish_message(topic, az_json_writer_get_bytes_used_in_destination(&jw));
  return AZ_OK;
}

void app_init(void)
{
  air_sensors_init();
}

void app_send_telemetry(void)
{
  (void)publish_root_telemetry();
  (void)publish_air_quality();
}

@@@
#define X 1
@@@
{
  "@context": "dtmi:dtdl:context;2",
  "@id": "dtmi:contoso:air:AirPurifier;1",
  "@type": "Interface",
  "displayName": "Air purifier",
  "contents": [
    {
      "@type": [
        "Telemetry",
        "AngularVelocity"
      ],
      "name": "fanSpeed",
      "displayName": "Fan speed",
      "schema": "double",
      "unit": "revolutionPerMinute"
    },
    {
      "@type": "Property",
      "name": "mode",
      "displayName": "Mode",
      "writable": true,
      "schema": {
        "@type": "Enum",
        "valueSchema": "string",
        "enumValues": [
          { "name": "auto", "enumValue": "auto" },
          { "name": "night", "enumValue": "night" },
          { "name": "boost", "enumValue": "boost" }
        ]
      }
    },
    {
      "@type": "Component",
      "name": "airQuality",
      "displayName": "Air quality sensor",
      "schema": {
        "@type": "Interface",
        "@id": "dtmi:contoso:air:AirPurifier:airQuality;1",
        "contents": [
          {
            "@type": "Telemetry",
            "name": "pm25",
            "displayName": "PM2.5 (ug/m3)",
            "schema": "double"
          },
          {
            "@type": "Telemetry",
            "name": "co2",
            "displayName": "CO2 (ppm)",
            "schema": "integer"
          },
          {
            "@type": "Property",
            "name": "sensorHours",
            "displayName": "Sensor operating hours",
            "schema": "integer"
          }
        ]
      }
    }
  ]
}
