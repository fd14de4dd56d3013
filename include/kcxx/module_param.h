// SPDX-License-Identifier: GPL-2.0
/// \file
/// Typed, validated module parameters (the kernel's module_param()).
///
///     KCXX_MODULE_PARAM(verbose, bool, false, 0644, "Log every request");
///     KCXX_MODULE_PARAM_RANGE(depth, unsigned int, 64, 1, 4096, 0644, "Queue depth (1-4096)");
///     KCXX_MODULE_PARAM_STRING(label, "null", 0444, "Device label");
///
///     unsigned int d = depth.get();                      // the current value
///     TRY(depth.set(128));                               // validated; may sleep
///     label.with_value([](kcxx::CStr s) { pr_info("label %s\n", s); });
///
/// Types: int, unsigned int ("uint"), long, unsigned long ("ulong"), bool,
/// and strings ("charp").  Each parameter is a struct kernel_param in the
/// module's __param section (as __module_param_call makes it in C, with the
/// same name, owner, permissions and level), plus "parm=name:description"
/// and "parmtype=name:type" in .modinfo, so it shows in
/// /sys/module/\<module\>/parameters/\<name\> with the given permissions (none
/// if 0) and in modinfo.
///
/// Validation: a value that does not parse is refused with the kernel's own
/// errno for it (EINVAL; ERANGE for a number too big for the type, as
/// param_set_int() and friends answer), one outside [min, max] with EINVAL, whether it comes from insmod (the load fails) or a
/// write to sysfs (the write fails); the old value stays.  The default must
/// lie in the range (a compile-time check), as must the permissions rules
/// of the kernel's VERIFY_OCTAL_PERMISSIONS (no world-writable parameter).
///
/// Concurrency: the kernel calls a parameter's set() with the module's
/// parameter mutex held (kernel_param_lock), both at load time and for sysfs
/// writes, so writers are serialised.  For numbers and bools, set() parses
/// and validates into a local and publishes the value with a single atomic
/// store; get() is a single atomic load (READ_ONCE semantics).  A reader thus
/// sees the old or the new valid value, never a torn or unvalidated one, and
/// get() never sleeps.  Strings are replaced and freed by the kernel on a
/// write (param_ops_charp), so they are read only under kernel_param_lock:
/// with_value(f) calls f(CStr) with the lock held (it may sleep: process
/// context only, and f must not touch this module's parameters' sysfs files).
///
/// The macros are for namespace scope, in one source file of the module (a
/// second copy would be a second parameter of the same name, which the
/// kernel refuses at load); each defines a static object 'name'.
#pragma once

#include <limits>
#include <type_traits>

#include <kcxx/bindings.h>
#include <kcxx/error.h>
#include <kcxx/module.h>
#include <kcxx/result.h>
#include <kcxx/str.h>

namespace kcxx::bindings {

/// Field-by-field mirrors of include/linux/moduleparam.h, checked against the
/// C compiler's layout (bindings/layout.c).
struct kernel_param_ops {
	unsigned int flags;
	int (*set)(const char *val, const kernel_param *kp);
	int (*get)(char *buffer, const kernel_param *kp);
	void (*free)(void *arg);
};
struct kernel_param {
	const char *name;
	module *mod;
	const kernel_param_ops *ops;
	unsigned short perm; // const u16 in C
	signed char level;
	unsigned char flags;
	void *arg; // the first member of a union (arg, str, arr)
};
static_assert(sizeof(kernel_param_ops) == KCXX_SIZEOF_kernel_param_ops &&
	      alignof(kernel_param_ops) == KCXX_ALIGNOF_kernel_param_ops);
static_assert(sizeof(kernel_param) == KCXX_SIZEOF_kernel_param &&
	      alignof(kernel_param) == KCXX_ALIGNOF_kernel_param);
static_assert(__builtin_offsetof(kernel_param, perm) == KCXX_OFFSETOF_kernel_param_perm);
static_assert(__builtin_offsetof(kernel_param, arg) == KCXX_OFFSETOF_kernel_param_arg);

} // namespace kcxx::bindings

namespace kcxx {

namespace detail {

/// Holds this module's parameter mutex (kernel_param_lock), as the kernel
/// does around every set() and sysfs read.  May sleep.
///
/// INVARIANT: the mutex is held from the constructor to the destructor.
class ParamLock {
public:
	ParamLock()
	{
		// SAFETY: the mutex lives in this module's struct module,
		// which outlives the module's code; process context.
		bindings::kernel_param_lock(&bindings::__this_module);
	}
	~ParamLock()
	{
		// SAFETY: taken in the constructor.
		bindings::kernel_param_unlock(&bindings::__this_module);
	}
	ParamLock(const ParamLock &) = delete;
	ParamLock &operator=(const ParamLock &) = delete;
};

/// How each parameter type is parsed, shown and named (the kernel's
/// param_set_<type>/param_get_<type>, parmtype <type>).  Stateless.
template <typename T> struct ParamType;

template <> struct ParamType<int> {
	static constexpr const char *name = "int";
	static constexpr unsigned int flags = 0;
	static int parse(const char *s, int *out)
	{
		// SAFETY: s is the NUL-terminated text the kernel passes set().
		return bindings::kstrtoint(s, 0, out);
	}
	static constexpr auto get = &bindings::param_get_int;
};
template <> struct ParamType<unsigned int> {
	static constexpr const char *name = "uint";
	static constexpr unsigned int flags = 0;
	static int parse(const char *s, unsigned int *out)
	{
		// SAFETY: as for int.
		return bindings::kstrtouint(s, 0, out);
	}
	static constexpr auto get = &bindings::param_get_uint;
};
template <> struct ParamType<long> {
	static_assert(sizeof(long) == sizeof(long long));
	static constexpr const char *name = "long";
	static constexpr unsigned int flags = 0;
	static int parse(const char *s, long *out)
	{
		long long v;
		// SAFETY: as for int; long is long long's size (above).
		int err = bindings::kstrtoll(s, 0, &v);
		*out = v;
		return err;
	}
	static constexpr auto get = &bindings::param_get_long;
};
template <> struct ParamType<unsigned long> {
	static constexpr const char *name = "ulong";
	static constexpr unsigned int flags = 0;
	static int parse(const char *s, unsigned long *out)
	{
		unsigned long long v;
		// SAFETY: as for long.
		int err = bindings::kstrtoull(s, 0, &v);
		*out = v;
		return err;
	}
	static constexpr auto get = &bindings::param_get_ulong;
};
template <> struct ParamType<bool> {
	static constexpr const char *name = "bool";
	/// 'insmod m.ko flag' means flag=1, as for the kernel's bool.
	static constexpr unsigned int flags = KCXX_KERNEL_PARAM_OPS_FL_NOARG;
	static int parse(const char *s, bool *out)
	{
		// SAFETY: s is NUL-terminated text, or null for a bare name.
		return bindings::kstrtobool(s ? s : "1", out);
	}
	static constexpr auto get = &bindings::param_get_bool;
};

/// VERIFY_OCTAL_PERMISSIONS (include/linux/kernel.h), one rule at a time.
constexpr bool perm_in_range(unsigned int p) { return p <= 0777; }
constexpr bool perm_not_world_writable(unsigned int p) { return (p & 2) == 0; }
constexpr bool perm_readable_ordered(unsigned int p)
{
	return ((p >> 6) & 4) >= ((p >> 3) & 4) && ((p >> 3) & 4) >= (p & 4);
}
constexpr bool perm_writable_ordered(unsigned int p) { return ((p >> 6) & 2) >= ((p >> 3) & 2); }

/// "tag=name:text\0" for .modinfo.
consteval unsigned long param_modinfo_size(const char *tag, const char *name, const char *text)
{
	return length(tag) + 1 + length(name) + 1 + length(text) + 1;
}

template <unsigned long N>
consteval ModinfoEntry<N> param_modinfo(const char *tag, const char *name, const char *text)
{
	ModinfoEntry<N> entry{};
	unsigned long i = 0;
	for (; *tag; ++tag)
		entry.text[i++] = *tag;
	entry.text[i++] = '=';
	for (; *name; ++name)
		entry.text[i++] = *name;
	entry.text[i++] = ':';
	for (; *text; ++text)
		entry.text[i++] = *text;
	entry.text[i] = '\0';
	return entry;
}

/// Named so that the compile error says what is wrong.
void module_parameter_default_is_outside_its_range();

} // namespace detail

/// A number or bool parameter with values in [Min, Max].
///
/// INVARIANT: value_ always lies in [Min, Max]; after construction it is
/// written only by set() (with the kernel's parameter mutex held) through a
/// single atomic store.
template <typename T, T Min = std::numeric_limits<T>::min(), T Max = std::numeric_limits<T>::max()>
class ModuleParam {
	using Type = detail::ParamType<T>;
	static_assert(Min <= Max, "kcxx: a module parameter's min is above its max");

public:
	/// The parameter's C++ type.
	using ValueType = T;
	/// The type's name as modinfo shows it ("int", "uint", "bool", ...).
	static constexpr const char *type_name = Type::name;

	/// The initial value, checked against [Min, Max] at compile time.
	consteval explicit ModuleParam(T initial) : value_(initial)
	{
		if (initial < Min || initial > Max)
			detail::module_parameter_default_is_outside_its_range();
	}
	ModuleParam(const ModuleParam &) = delete;
	ModuleParam &operator=(const ModuleParam &) = delete;

	/// The current value (an atomic load: never torn, never sleeps).
	[[nodiscard]] T get() const { return __atomic_load_n(&value_, __ATOMIC_RELAXED); }

	/// Sets the value from C++ (what sysfs then shows): EINVAL outside
	/// [Min, Max].  Takes the parameter mutex like a sysfs write: may sleep.
	[[nodiscard]] Result<void> set(T value)
	{
		if (value < Min || value > Max)
			return code::EINVAL;
		detail::ParamLock lock;
		__atomic_store_n(&value_, value, __ATOMIC_RELAXED);
		return {};
	}

	/// The smallest value accepted.
	static constexpr T min() { return Min; }
	/// The largest value accepted.
	static constexpr T max() { return Max; }

	/// For the kernel_param entry (KCXX_MODULE_PARAM).
	static constexpr const bindings::kernel_param_ops *ops() { return &ops_; }
	/// For the kernel_param entry (KCXX_MODULE_PARAM): the value's storage.
	constexpr void *arg() { return &value_; }

private:
	/// kernel_param_ops::set: the kernel holds kernel_param_lock.
	static int kernel_set(const char *val, const bindings::kernel_param *kp)
	{
		T parsed;
		// The parser's errno as it is, as param_set_int() & co return
		// it: ERANGE for a number that overflows T, EINVAL otherwise.
		if (int err = Type::parse(val, &parsed); err != 0)
			return err < 0 ? err : code::EINVAL.to_errno();
		if (parsed < Min || parsed > Max)
			return code::EINVAL.to_errno();
		// kp->arg is &value_ of this parameter (KCXX_MODULE_PARAM).
		__atomic_store_n(static_cast<T *>(kp->arg), parsed, __ATOMIC_RELAXED);
		return 0;
	}

	static constexpr bindings::kernel_param_ops ops_{
		.flags = Type::flags,
		.set = &kernel_set,
		.get = Type::get,
		.free = nullptr,
	};

	T value_;
};

/// A string parameter (the kernel's charp).
///
/// INVARIANT: value_ is null, the initial literal or a string the kernel's
/// param_set_charp allocated; it is replaced (and the old one freed) only
/// with the module's parameter mutex held.
class ModuleParamString {
public:
	/// The type's name as modinfo shows it.
	static constexpr const char *type_name = "charp";

	/// The initial value, a string with static storage.
	consteval explicit ModuleParamString(CStr initial) : value_(initial.c_str()) {}
	ModuleParamString(const ModuleParamString &) = delete;
	ModuleParamString &operator=(const ModuleParamString &) = delete;

	/// Calls f(CStr) with the current value, holding the module's
	/// parameter mutex (kernel_param_lock), so a concurrent sysfs write
	/// cannot free the string meanwhile.  May sleep.  Returns what f
	/// returns.
	template <typename F> auto with_value(F &&f) const
	{
		detail::ParamLock lock;
		// The kernel limits a charp to 1024 characters.
		return f(detail::cstr_from_kernel(value_, 1025));
	}

	/// For the kernel_param entry (KCXX_MODULE_PARAM_STRING): charp's operations.
	static constexpr const bindings::kernel_param_ops *ops() { return &bindings::param_ops_charp; }
	/// For the kernel_param entry: the value's storage.
	constexpr void *arg() { return &value_; }

private:
	const char *value_; // char * in C
};

namespace detail {
/// Sets parameter 'kp' from text exactly as insmod or a sysfs write does
/// (its ops->set with the parameter mutex held): 0 or a negative errno.
/// For kcxx's tests; drivers use ModuleParam::set().
inline int param_set_text(const bindings::kernel_param &kp, const char *text)
{
	ParamLock lock;
	// SAFETY: kp is one of this module's __param entries; its set() is
	// called as the kernel calls it, with the parameter mutex held.
	return kp.ops->set(text, &kp);
}
} // namespace detail

} // namespace kcxx

/// The kernel_param entry and the two .modinfo strings of parameter 'name'.
#define KCXX_MODULE_PARAM_REGISTER_(name, perm, description)                                        \
	static_assert(::kcxx::detail::perm_in_range(perm),                                          \
		      "kcxx: module parameter permissions must be octal 0 to 0777");                \
	static_assert(::kcxx::detail::perm_not_world_writable(perm),                                \
		      "kcxx: a world-writable module parameter is not allowed (perm & 0002)");       \
	static_assert(::kcxx::detail::perm_readable_ordered(perm),                                  \
		      "kcxx: module parameter read permission must be user >= group >= other");      \
	static_assert(::kcxx::detail::perm_writable_ordered(perm),                                  \
		      "kcxx: module parameter write permission must be user >= group");              \
	[[gnu::section("__param"), gnu::used,                                                       \
	  gnu::aligned(alignof(::kcxx::bindings::kernel_param))]] static constinit const ::kcxx::bindings::kernel_param \
		kcxx_param_##name{#name, &::kcxx::bindings::__this_module, decltype(name)::ops(),    \
				  (perm), -1, 0, name.arg()};                                       \
	[[gnu::section(".modinfo"), gnu::used, gnu::aligned(1)]] static constexpr auto kcxx_parm_##name = \
		::kcxx::detail::param_modinfo<::kcxx::detail::param_modinfo_size("parm", #name, description)>( \
			"parm", #name, description);                                                \
	[[gnu::section(".modinfo"), gnu::used, gnu::aligned(1)]] static constexpr auto kcxx_parmtype_##name = \
		::kcxx::detail::param_modinfo<::kcxx::detail::param_modinfo_size(                   \
			"parmtype", #name, decltype(name)::type_name)>("parmtype", #name,            \
							       decltype(name)::type_name)

/// A parameter of type int, unsigned int, long, unsigned long or bool.
#define KCXX_MODULE_PARAM(name, type, initial, perm, description)    \
	constinit static ::kcxx::ModuleParam<type> name{initial};     \
	KCXX_MODULE_PARAM_REGISTER_(name, perm, description)

/// The same, with values limited to [min, max].
#define KCXX_MODULE_PARAM_RANGE(name, type, initial, min, max, perm, description) \
	constinit static ::kcxx::ModuleParam<type, min, max> name{initial};        \
	KCXX_MODULE_PARAM_REGISTER_(name, perm, description)

/// A string parameter; 'initial' is a string literal.
#define KCXX_MODULE_PARAM_STRING(name, initial, perm, description)   \
	constinit static ::kcxx::ModuleParamString name{initial};     \
	KCXX_MODULE_PARAM_REGISTER_(name, perm, description)
