// DPS registration over mosquitto, payload written with the SDK's JSON writer.
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>

#include <azure/core/az_json.h>
#include <azure/core/az_result.h>
#include <azure/iot/az_iot_provisioning_client.h>
#include <mosquitto.h>

#include "model_ids.h"
#include "provisioning.h"

static uint8_t custom_payload_buffer[128];
static uint8_t mqtt_payload_buffer[256];

static az_result build_custom_payload(az_span* out_payload)
{
  az_json_writer jw;

  _az_RETURN_IF_FAILED(az_json_writer_init(&jw, AZ_SPAN_FROM_BUFFER(custom_payload_buffer), NULL));
  _az_RETURN_IF_FAILED(az_json_writer_append_begin_object(&jw));
  _az_RETURN_IF_FAILED(az_json_writer_append_property_name(&jw, AZ_SPAN_FROM_STR(DPS_PAYLOAD_DEVICE_TYPE_KEY)));
  _az_RETURN_IF_FAILED(az_json_writer_append_string(&jw, AZ_SPAN_FROM_STR("battery-pack")));
  _az_RETURN_IF_FAILED(az_json_writer_append_property_name(&jw, AZ_SPAN_FROM_STR(DPS_PAYLOAD_FW_KEY)));
  _az_RETURN_IF_FAILED(az_json_writer_append_string(&jw, firmware_version));
  _az_RETURN_IF_FAILED(az_json_writer_append_end_object(&jw));

  *out_payload = az_json_writer_get_bytes_used_in_destination(&jw);
  return AZ_OK;
}

int provisioning_send_register(az_iot_provisioning_client* client, struct mosquitto* mosq)
{
  char topic[128];
  size_t payload_length = 0;
  az_span custom_payload;

  if (az_result_failed(build_custom_payload(&custom_payload)))
  {
    return -1;
  }

  if (az_result_failed(az_iot_provisioning_client_register_get_publish_topic(client, topic, sizeof(topic), NULL)))
  {
    return -1;
  }

  if (az_result_failed(az_iot_provisioning_client_register_get_request_payload( // expect: AICS001
          client, custom_payload, NULL, mqtt_payload_buffer, sizeof(mqtt_payload_buffer), &payload_length)))
  {
    return -1;
  }

  return mosquitto_publish(mosq, NULL, topic, (int)payload_length, mqtt_payload_buffer, 1, false) == MOSQ_ERR_SUCCESS ? 0 : -1;
}
