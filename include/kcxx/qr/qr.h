// SPDX-License-Identifier: GPL-2.0 OR MIT
//
// kcxx::qr - freestanding QR Code encoder (umbrella header).
// See docs/qr.md.
#pragma once

#include "spec.hpp"     // ISO/IEC 18004 numbers
#include "encoder.hpp"  // Segment, Options, encode(), Code
#include "panic.hpp"    // drm_panic payloads: encode_panic(), panic_max_data_size()
