// SPDX-License-Identifier: GPL-2.0
/* kcxx bindings: init_utsname() (see kcxx_bindings/utsname.h). */

const char *kcxx_helper_utsname_machine(void)
{
	return init_utsname()->machine;
}

const char *kcxx_helper_utsname_release(void)
{
	return init_utsname()->release;
}
