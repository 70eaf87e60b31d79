#ifndef APP_H
#define APP_H

#include <stdbool.h>
#include "iothub_device_client_ll.h"

typedef struct APP_CONTEXT_TAG
{
    char iothub_uri[256];
    char device_id[128];
    bool registered;
    IOTHUB_DEVICE_CLIENT_LL_HANDLE device_client;
} APP_CONTEXT;

int provision_device(APP_CONTEXT* ctx, const char* id_scope);
int connect_to_hub(APP_CONTEXT* ctx);
void send_telemetry(APP_CONTEXT* ctx, double temperature_c);

#endif
