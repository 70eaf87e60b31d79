/* Copyright (c) Microsoft Corporation.
   Licensed under the MIT License. */

#ifndef _AZURE_PNP_INFO_H
#define _AZURE_PNP_INFO_H

#define DEVICE_INFO_COMPONENT_NAME "deviceInformation"

// Device Info property names
#define DEVICE_INFO_MANUFACTURER_PROPERTY_NAME           "manufacturer"
#define DEVICE_INFO_MODEL_PROPERTY_NAME                  "model"
#define DEVICE_INFO_SW_VERSION_PROPERTY_NAME             "swVersion"
#define DEVICE_INFO_OS_NAME_PROPERTY_NAME                "osName"
#define DEVICE_INFO_PROCESSOR_ARCHITECTURE_PROPERTY_NAME "processorArchitecture"
#define DEVICE_INFO_PROCESSOR_MANUFACTURER_PROPERTY_NAME "processorManufacturer"
#define DEVICE_INFO_TOTAL_STORAGE_PROPERTY_NAME          "totalStorage"
#define DEVICE_INFO_TOTAL_MEMORY_PROPERTY_NAME           "totalMemory"

// Device Info property values
#define DEVICE_INFO_MANUFACTURER_PROPERTY_VALUE           "Silicon Labs"
#define DEVICE_INFO_MODEL_PROPERTY_VALUE                  "EFR32MG12"
#define DEVICE_INFO_SW_VERSION_PROPERTY_VALUE             "1.0.0"
#define DEVICE_INFO_OS_NAME_PROPERTY_VALUE                "Azure RTOS"
#define DEVICE_INFO_PROCESSOR_ARCHITECTURE_PROPERTY_VALUE "Arm Cortex M4"
#define DEVICE_INFO_PROCESSOR_MANUFACTURER_PROPERTY_VALUE "Silicon Labs"
#define DEVICE_INFO_TOTAL_STORAGE_PROPERTY_VALUE          1024
#define DEVICE_INFO_TOTAL_MEMORY_PROPERTY_VALUE           256

#endif
