/* SPDX-License-Identifier: GPL-2.0 */
/*
 * kcxx bindings: module parameters (kernel/params.c, lib/kstrtox.c,
 * exported).
 *
 * struct kernel_param and struct kernel_param_ops are mirrored in C++
 * (include/kcxx/module_param.h, checked against bindings/layout.c), so C++
 * can place its own entries in the __param section.
 */
#ifndef KCXX_BINDINGS_MODULEPARAM_H
#define KCXX_BINDINGS_MODULEPARAM_H

KCXX_BINDINGS_BEGIN

struct kernel_param;
struct kernel_param_ops;

/* Parsing, as the kernel's own param_set_* do (base 0: 10, 0x.., 0..). */
int kstrtoint(const char *s, unsigned int base, int *res);
int kstrtouint(const char *s, unsigned int base, unsigned int *res);
int kstrtoll(const char *s, unsigned int base, long long *res);
int kstrtoull(const char *s, unsigned int base, unsigned long long *res);
#ifdef __cplusplus
int kstrtobool(const char *s, bool *res);
#else
int kstrtobool(const char *s, _Bool *res);
#endif

/* Formatting for sysfs reads: the kernel's own getters. */
int param_get_int(char *buffer, const struct kernel_param *kp);
int param_get_uint(char *buffer, const struct kernel_param *kp);
int param_get_long(char *buffer, const struct kernel_param *kp);
int param_get_ulong(char *buffer, const struct kernel_param *kp);
int param_get_bool(char *buffer, const struct kernel_param *kp);

/* Strings: kmalloc'd copies on set, freed on the next set and at unload. */
extern const struct kernel_param_ops param_ops_charp;

/* The mutex that sysfs writes and load-time parsing of 'mod' hold. */
void kernel_param_lock(struct module *mod);
void kernel_param_unlock(struct module *mod);

KCXX_BINDINGS_END

#endif /* KCXX_BINDINGS_MODULEPARAM_H */
