// SPDX-License-Identifier: GPL-2.0
/// \file
/// Defining a kernel module in C++.
///
///   class Hello {
///   public:
///       static constexpr kcxx::ModuleInfo info{
///           .name = "hello",
///           .license = "GPL",
///           .author = "The kcxx authors",
///           .description = "The smallest kcxx module",
///       };
///       static kcxx::Result<Hello> init();   // runs at load; an error fails the load
///       ~Hello();                            // runs at unload
///   };
///   KCXX_MODULE(Hello);
///
/// The module object lives from a successful init() until unload.  'name' must
/// equal the module name Kbuild builds (obj-m), which is checked at compile
/// time.  License, author and description land in .modinfo, as MODULE_*()
/// puts them in C.
#pragma once

#include <new>
#include <type_traits>
#include <utility>

#include <kcxx/bindings.h>
#include <kcxx/compiler.h>
#include <kcxx/result.h>

namespace kcxx {

/// What a module type declares about itself, as 'static constexpr
/// kcxx::ModuleInfo info': the entries of its .modinfo section.
struct ModuleInfo {
	/// The module's name (KBUILD_MODNAME must match).
	const char *name;
	/// The license ("GPL" for the kernel's GPL-only symbols).
	const char *license;
	/// The author, or nullptr for none.
	const char *author = nullptr;
	/// What the module does, or nullptr for none.
	const char *description = nullptr;
};

/// The running module (THIS_MODULE), for registrations that need an owner.
class ThisModule {
public:
	/// The struct module of the module being built.
	// SAFETY: __this_module is defined by modpost for every module and
	// lives as long as the module's code does.
	static bindings::module *get() { return &bindings::__this_module; }
};

namespace detail {

constexpr unsigned long length(const char *s)
{
	unsigned long n = 0;
	while (s[n])
		++n;
	return n;
}

constexpr bool equal(const char *a, const char *b)
{
	while (*a && *a == *b) {
		++a;
		++b;
	}
	return *a == *b;
}

/// One "tag=value\0" entry of .modinfo; a field left out becomes a single
/// NUL, which the module loader and modpost skip as padding.
template <unsigned long N> struct ModinfoEntry {
	char text[N];
};

consteval unsigned long modinfo_size(const char *tag, const char *value)
{
	return value ? length(tag) + 1 + length(value) + 1 : 1;
}

template <unsigned long N>
consteval ModinfoEntry<N> modinfo_entry(const char *tag, const char *value)
{
	ModinfoEntry<N> entry{};
	if (!value)
		return entry;
	unsigned long i = 0;
	for (; *tag; ++tag)
		entry.text[i++] = *tag;
	entry.text[i++] = '=';
	for (; *value; ++value)
		entry.text[i++] = *value;
	entry.text[i] = '\0';
	return entry;
}

/// Storage for the module object: raw bytes, so that it is constant
/// initialized (no dynamic initializer, no destructor at exit).
template <typename T> struct ModuleStorage {
	alignas(T) unsigned char bytes[sizeof(T)];
	T *object() { return std::launder(reinterpret_cast<T *>(bytes)); }
};

template <typename T> concept ModuleType = requires {
	{ T::info } -> std::convertible_to<const ModuleInfo &>;
	{ T::init() } -> std::same_as<Result<T>>;
} && std::is_nothrow_destructible_v<T> && std::is_move_constructible_v<T>;

template <ModuleType T> int module_init(ModuleStorage<T> &storage)
{
	Result<T> result = T::init();
	if (result.is_error())
		return result.error().to_errno();
	::new (storage.bytes) T(std::move(result).value());
	return 0;
}

template <ModuleType T> void module_exit(ModuleStorage<T> &storage)
{
	storage.object()->~T();
}

} // namespace detail
} // namespace kcxx

#define KCXX_CONCAT_(a, b) a##b
#define KCXX_CONCAT(a, b) KCXX_CONCAT_(a, b)

/// A .modinfo entry "tag=value" built at compile time from a ModuleInfo field.
#define KCXX_MODINFO(Type, field, tag)                                                 \
	[[gnu::section(".modinfo"), gnu::used, gnu::aligned(1)]] static constexpr auto \
		KCXX_CONCAT(kcxx_modinfo_, field) = ::kcxx::detail::modinfo_entry<      \
			::kcxx::detail::modinfo_size(tag, Type::info.field)>(tag, Type::info.field)

/// Makes the type Type a kernel module: Type::init() builds it at load, its
/// destructor runs at unload, and its ModuleInfo becomes the module's .modinfo.
#define KCXX_MODULE(Type)                                                                  \
	static_assert(::kcxx::detail::ModuleType<Type>,                                    \
		      "kcxx: a module type needs 'static constexpr kcxx::ModuleInfo info', " \
		      "'static kcxx::Result<Type> init()' and a destructor");              \
	static_assert(::kcxx::detail::equal(Type::info.name, KBUILD_MODNAME),              \
		      "kcxx: ModuleInfo::name differs from the module name in obj-m");     \
	static_assert(Type::info.license != nullptr && Type::info.license[0] != '\0',      \
		      "kcxx: a module needs a license");                                   \
	KCXX_MODINFO(Type, license, "license");                                            \
	KCXX_MODINFO(Type, author, "author");                                              \
	KCXX_MODINFO(Type, description, "description");                                   \
	constinit static ::kcxx::detail::ModuleStorage<Type> kcxx_module_storage{};        \
	extern "C" int init_module(void);                                                  \
	extern "C" void cleanup_module(void);                                              \
	extern "C" [[gnu::section(".init.text"), KCXX_COLD]] int init_module(void)         \
	{                                                                                  \
		return ::kcxx::detail::module_init<Type>(kcxx_module_storage);             \
	}                                                                                  \
	extern "C" [[gnu::section(".exit.text"), KCXX_COLD]] void cleanup_module(void)     \
	{                                                                                  \
		::kcxx::detail::module_exit<Type>(kcxx_module_storage);                    \
	}                                                                                  \
	/* The module loader calls both through pointers in __this_module (in   */         \
	/* the .mod.c): take their addresses here too, as module_init() does,   */         \
	/* so objtool sees them as indirect call targets.                       */         \
	[[gnu::used, gnu::section(".init.data")]] static int (*const                       \
		kcxx_init_module_addressable)(void) = &init_module;                       \
	[[gnu::used, gnu::section(".exit.data")]] static void (*const                      \
		kcxx_cleanup_module_addressable)(void) = &cleanup_module;                 \
	static_assert(true)
