#ifndef GREENHOUSE_CONFIG_H
#define GREENHOUSE_CONFIG_H

#define GLOBAL_PROV_URI "global.azure-devices-provisioning.net"
#define ID_SCOPE "0ne00000000"
#define GREENHOUSE_MODEL_ID "dtmi:contoso:greenhouse:Climate;1"

#endif
