// SPDX-License-Identifier: GPL-2.0
/// \file
/// kcxx::qr - freestanding QR Code encoder (umbrella header).
/// See docs/qr.md.
#pragma once

#include <kcxx/qr/spec.h>    // ISO/IEC 18004 numbers
#include <kcxx/qr/encoder.h> // Segment, Options, encode(), Code
#include <kcxx/qr/panic.h>   // drm_panic payloads: encode_panic(), panic_max_data_size()
