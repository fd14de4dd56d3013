/* SPDX-License-Identifier: GPL-2.0 */
/*
 * INTERIM: the module parameters of samples/qr_panic, defined in C
 * (qr_panic_params.c, linked only into qr_panic.ko by samples/qr_panic/Kbuild)
 * until kcxx has a module-parameter abstraction (include/kcxx/module_param.h
 * is being written; replace this file and the .c with it).  Not a general
 * mechanism: only these three parameters, with a typed C++ accessor each.
 *
 *   url          string, 0444 (set at load only), default the public decoder
 *   max_version  1-40, 0644; anything else fails the load or the write (EINVAL)
 *   enabled      bool, 0644
 */
#ifndef KCXX_BINDINGS_QR_PANIC_PARAMS_H
#define KCXX_BINDINGS_QR_PANIC_PARAMS_H

#define KCXX_QR_PANIC_DEFAULT_URL "https://kdj0c.github.io/panic_report/"
#define KCXX_QR_PANIC_URL_MAX 256	/* bytes, with the NUL */

KCXX_BINDINGS_BEGIN

/* NUL-terminated; never changes after the module has loaded (0444). */
const char *kcxx_qr_panic_param_url(void);
/* 1-40, read with READ_ONCE: any context. */
unsigned int kcxx_qr_panic_param_max_version(void);
bool kcxx_qr_panic_param_enabled(void);

KCXX_BINDINGS_END

#ifdef __cplusplus
namespace kcxx::interim::qr_panic_params {

inline const char *url()
{
	// SAFETY: a pointer to the module's own parameter buffer, which lives
	// as long as the module and is written only while it loads.
	return bindings::kcxx_qr_panic_param_url();
}

inline unsigned int max_version()
{
	// SAFETY: a READ_ONCE of a validated (1-40) unsigned int.
	return bindings::kcxx_qr_panic_param_max_version();
}

inline bool enabled()
{
	// SAFETY: a READ_ONCE of a bool.
	return bindings::kcxx_qr_panic_param_enabled();
}

} // namespace kcxx::interim::qr_panic_params
#endif

#endif /* KCXX_BINDINGS_QR_PANIC_PARAMS_H */
