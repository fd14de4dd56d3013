// SPDX-License-Identifier: GPL-2.0
/// \file
/// configfs subsystems (/sys/kernel/config/\<name\>/) whose items and
/// attributes are C++ types and member functions, bound at compile time.
///
///     class Registry {                         // the subsystem's shared data
///     public:
///         explicit Registry(unsigned int max);  // try_new()'s extra arguments
///         kcxx::Result<void> show_features(kcxx::configfs::Page &out) const
///         {
///             return out.append("size,blocksize,power\n");
///         }
///         // Optional: attributes of the subsystem's own directory.
///         static constexpr auto attributes = kcxx::configfs::attributes<Registry>(
///                 kcxx::configfs::AttrRo<&Registry::show_features>("features"));
///     };
///
///     class Dev {                              // one per mkdir \<name\>
///     public:
///         using Shared = Registry;             // optional (then make(CStr name))
///         // mkdir: the new item, or an error (EEXIST, ENOSPC, ENOMEM...).
///         static kcxx::Result<kcxx::Box<Dev>> make(Shared &shared, kcxx::CStr name);
///         // rmdir: optional, before configfs drops its reference.
///         void drop(Shared &shared);
///         ~Dev();                              // after the last reference
///
///         // show: const, writes text into the page; store: gets the text
///         // written (with or without the shared data).
///         kcxx::Result<void> show_size(kcxx::configfs::Page &out) const
///         {
///             return out.appendf<"%lu\n">(size_);
///         }
///         kcxx::Result<void> store_size(Shared &shared, kcxx::CStr text)
///         {
///             size_ = TRY(kcxx::configfs::parse_ulong(text));
///             return {};
///         }
///         kcxx::Result<void> store_reset(kcxx::CStr text);
///         static constexpr auto attributes = kcxx::configfs::attributes<Dev>(
///                 kcxx::configfs::Attr<&Dev::show_size, &Dev::store_size>("size"),
///                 kcxx::configfs::AttrWo<&Dev::store_reset>("reset"));
///     private:
///         unsigned long size_ = 0;
///     };
///
///     auto subsys = TRY(kcxx::configfs::Subsystem<Dev>::try_new(kcxx::GFP_KERNEL, "cnull", 16u));
///     subsys->shared()->...;   // a guard: the subsystem's lock is held
///     // /sys/kernel/config/cnull exists until 'subsys' (a Box) is destroyed.
///
/// What the framework guarantees and does:
///  - The config_item_types, the configfs_item_operations and
///    configfs_group_operations and the attribute tables are constants in
///    .rodata, built at compile time at the member offsets the C compiler
///    computed for the target kernel (configfs_group_operations differs
///    between 6.1 and 6.12).  Every attribute gets its own show/store
///    function, instantiated from its member-function pointers (configfs
///    passes no attribute to them).  ct_owner and ca_owner are this module:
///    while a user-created item exists, or an attribute file is open, the
///    module cannot be unloaded (rmmod fails with EBUSY/EWOULDBLOCK).
///  - Item lifetime: the Box that make() returns is moved into a framework
///    node that embeds the item's struct config_group; configfs owns the
///    node from then on.  rmdir calls drop() (if the type has one) and then
///    drops the framework's reference; the node and the item are destroyed
///    in the item's release callback, when configfs puts its last
///    reference.  No raw config_item or config_group reaches the driver, and
///    nothing gives out a pointer to an item: the shared data can keep its
///    own records (names, resources), which make() and drop() maintain.
///  - One lock per subsystem, the Mutex that holds the shared data: make(),
///    drop(), every show and every store (of items and of the shared data)
///    run with it held, and shared() takes it too.  So a store may change
///    the item and the shared data without further locking, and a show sees
///    a consistent state; show is const all the same (a non-const show does
///    not compile), as the item's destructor may run later outside the lock.
///    The callbacks may sleep; they must not call into configfs
///    (configfs_depend_item and friends), whose locks are taken before this
///    one (make and rmdir hold the subsystem's su_mutex), nor shared() (the
///    lock is already held: a self-deadlock).
///  - mkdir: make() gets the directory name as a CStr (valid during the
///    call: copy what you keep).  An error is returned to mkdir(2) as it
///    is.  A directory name configfs already has is refused by the VFS with
///    EEXIST before make() is called.
///  - store: the text as written (configfs takes at most 4095 bytes per
///    write(2) and NUL-terminates them; the CStr ends at the first NUL).
///    An error goes to write(2) as -errno; success returns the full count.
///    parse<T>() / parse_uint() / parse_ulong() / parse_bool() parse it as
///    the kernel's kstrtouint(text, 0), kstrtoul(text, 0) and kstrtobool()
///    do (base 0: 10, 0x.., 0..; one trailing newline accepted; EINVAL,
///    ERANGE).
///  - show: a Page writer over configfs's page: it never writes past it
///    (at most 4095 characters, as sysfs_emit), and what it holds is what
///    read(2) returns.  An error (E2BIG after a truncated append, or the
///    driver's own) goes to read(2) as -errno.
///  - Modes as the kernel's CONFIGFS_ATTR macros: Attr 0644, AttrRo 0444,
///    AttrWo 0200.  Attribute names are checked at compile time (not empty,
///    no '/', unique).
///  - The module imports configfs's symbols, so it depends on configfs.ko
///    (modprobe loads it first); configfs must be mounted on
///    /sys/kernel/config for user space to see the directory.
///  - Destroy the Subsystem in module exit (user items pin the module, so
///    none exists then).  Destroying it while items exist (a failing init
///    after try_new(), racing with a mkdir) is a driver bug: configfs
///    refuses to unregister a non-empty subsystem ("Tried to unregister
///    non-empty subsystem!") and the items would outlive their subsystem;
///    kcxx reports it with a WARNING.  Create the subsystem last in init.
#pragma once

#include <concepts>
#include <type_traits>
#include <utility>

#include <kcxx/bindings.h>
#include <kcxx/box.h>
#include <kcxx/bug.h>
#include <kcxx/error.h>
#include <kcxx/format.h>
#include <kcxx/gfp.h>
#include <kcxx/kernel_layout.h>
#include <kcxx/print.h>
#include <kcxx/parse.h>
#include <kcxx/result.h>
#include <kcxx/str.h>
#include <kcxx/sync/kernel_struct.h>
#include <kcxx/sync/lock_class.h>
#include <kcxx/sync/mutex.h>
#include <kcxx/types.h>

namespace kcxx::bindings {

/// struct configfs_attribute, struct configfs_item_operations and struct
/// config_item_type (include/linux/configfs.h), identical on 6.1 and 6.12,
/// mirrored field by field and checked against the C compiler's layout.
/// Pointers the kernel only reads are const here (same representation).
struct configfs_attribute {
	const char *ca_name;
	module *ca_owner;
	kcxx_umode_t ca_mode;
	kcxx_ssize_t (*show)(config_item *item, char *page);
	kcxx_ssize_t (*store)(config_item *item, const char *page, kcxx_size_t count);
};
static_assert(sizeof(configfs_attribute) == KCXX_SIZEOF_configfs_attribute);
static_assert(alignof(configfs_attribute) == KCXX_ALIGNOF_configfs_attribute);
static_assert(__builtin_offsetof(configfs_attribute, ca_name) == KCXX_OFFSETOF_configfs_attribute_ca_name);
static_assert(__builtin_offsetof(configfs_attribute, ca_owner) == KCXX_OFFSETOF_configfs_attribute_ca_owner);
static_assert(__builtin_offsetof(configfs_attribute, ca_mode) == KCXX_OFFSETOF_configfs_attribute_ca_mode);
static_assert(__builtin_offsetof(configfs_attribute, show) == KCXX_OFFSETOF_configfs_attribute_show);
static_assert(__builtin_offsetof(configfs_attribute, store) == KCXX_OFFSETOF_configfs_attribute_store);

struct configfs_item_operations {
	void (*release)(config_item *item);
	const void *allow_link; // never set by kcxx
	const void *drop_link;  // never set by kcxx
};
static_assert(sizeof(configfs_item_operations) == KCXX_SIZEOF_configfs_item_operations);
static_assert(alignof(configfs_item_operations) == KCXX_ALIGNOF_configfs_item_operations);
static_assert(__builtin_offsetof(configfs_item_operations, release) ==
	      KCXX_OFFSETOF_configfs_item_operations_release);
static_assert(__builtin_offsetof(configfs_item_operations, allow_link) ==
	      KCXX_OFFSETOF_configfs_item_operations_allow_link);
static_assert(__builtin_offsetof(configfs_item_operations, drop_link) ==
	      KCXX_OFFSETOF_configfs_item_operations_drop_link);

/// struct configfs_group_operations differs between 6.1 (commit_item) and
/// 6.12 (is_visible, is_bin_visible): a table of pointer-sized slots
/// (kcxx/kernel_layout.h).
union configfs_group_ops_slot {
	const void *unused;
	config_group *(*make_group)(config_group *group, const char *name);
	void (*drop_item)(config_group *group, config_item *item);
};
using configfs_group_operations = kcxx::detail::OpsTable<configfs_group_ops_slot,
							 KCXX_SIZEOF_configfs_group_operations,
							 KCXX_ALIGNOF_configfs_group_operations>;
static_assert(sizeof(configfs_group_operations) == KCXX_SIZEOF_configfs_group_operations);

struct config_item_type {
	module *ct_owner;
	const configfs_item_operations *ct_item_ops;
	const configfs_group_operations *ct_group_ops;
	const configfs_attribute *const *ct_attrs;
	const void *ct_bin_attrs; // never set by kcxx
};
static_assert(sizeof(config_item_type) == KCXX_SIZEOF_config_item_type);
static_assert(alignof(config_item_type) == KCXX_ALIGNOF_config_item_type);
static_assert(__builtin_offsetof(config_item_type, ct_owner) == KCXX_OFFSETOF_config_item_type_ct_owner);
static_assert(__builtin_offsetof(config_item_type, ct_item_ops) == KCXX_OFFSETOF_config_item_type_ct_item_ops);
static_assert(__builtin_offsetof(config_item_type, ct_group_ops) == KCXX_OFFSETOF_config_item_type_ct_group_ops);
static_assert(__builtin_offsetof(config_item_type, ct_attrs) == KCXX_OFFSETOF_config_item_type_ct_attrs);
static_assert(__builtin_offsetof(config_item_type, ct_bin_attrs) ==
	      KCXX_OFFSETOF_config_item_type_ct_bin_attrs);

// The item is the first member of a group and the group the first member
// of a subsystem: a struct config_item * configfs hands back is the address
// of the group (and, for the root, of the subsystem) it belongs to.
static_assert(KCXX_OFFSETOF_config_group_cg_item == 0);
static_assert(KCXX_OFFSETOF_configfs_subsystem_su_group == 0);

} // namespace kcxx::bindings

namespace kcxx::configfs {

template <typename T> class Subsystem;

namespace detail {
struct Access;
}

/// The text a show writes: a writer over configfs's page (PAGE_SIZE, of
/// which configfs accepts 4096 bytes).  Like kcxx::StringBuilder: each
/// append writes as much as fits and returns E2BIG when the text was cut,
/// after which is_truncated() stays true.  Only the framework makes one,
/// for the duration of a show.
///
/// INVARIANT: buf_ points to a writable page of at least size_limit + 1
/// bytes for the life of the Page; len_ <= capacity(), buf_[len_] == '\0'
/// and no byte of buf_[0 .. len_) is '\0'.
class Page {
public:
	/// configfs's SIMPLE_ATTR_SIZE (fs/configfs/file.c): a show returning
	/// more is a kernel WARNING.  One byte stays for the NUL (sysfs_emit's
	/// limit too).
	static constexpr unsigned long size_limit = 4096;
	static_assert(size_limit <= KCXX_PAGE_SIZE);

	Page(const Page &) = delete;
	Page &operator=(const Page &) = delete;

	/// Appends 's' (as much as fits).
	[[nodiscard]] Result<void> append(CStr s)
	{
		unsigned long room = capacity() - len_;
		unsigned long n = s.size() <= room ? s.size() : room;
		for (unsigned long i = 0; i < n; ++i)
			buf_[len_ + i] = s.c_str()[i];
		len_ += n;
		buf_[len_] = '\0';
		return n == s.size() ? Result<void>() : truncated();
	}

	/// Appends one character; EINVAL for '\0'.
	[[nodiscard]] Result<void> append_char(char c)
	{
		if (c == '\0')
			return code::EINVAL;
		if (len_ >= capacity())
			return truncated();
		buf_[len_++] = c;
		buf_[len_] = '\0';
		return {};
	}

	/// Appends an integer in decimal.
	[[nodiscard]] Result<void> append_int(long long value) { return appendf<"%lld">(value); }
	/// Appends an unsigned integer in decimal.
	[[nodiscard]] Result<void> append_uint(unsigned long long value) { return appendf<"%llu">(value); }
	/// Appends an unsigned integer in hexadecimal (no 0x).
	[[nodiscard]] Result<void> append_hex(unsigned long long value) { return appendf<"%llx">(value); }

	/// printk-style formatted text; the format is checked at compile time
	/// (kcxx/format.h), as for StringBuilder::appendf.
	template <format::Literal Format, typename... Args> [[nodiscard]] Result<void> appendf(Args... args)
	{
		constexpr format::Verdict verdict = format::check<Args...>(Format.chars);
		static_assert(kcxx::detail::PrintkFormatCheck<verdict.problem, verdict.argument>::ok);
		unsigned long room = capacity() + 1 - len_; // >= 1 (INVARIANT)
		// SAFETY: the format was checked against the arguments above;
		// snprintf writes at most 'room' bytes, NUL included, into the
		// free tail of the page and returns the length the text needs.
		int needed = bindings::snprintf(buf_ + len_, room, format::stored<Format>.chars,
						kcxx::detail::printk_arg(args)...);
		unsigned long want = needed > 0 ? static_cast<unsigned long>(needed) : 0;
		unsigned long written = want < room ? want : room - 1;
		// A %c of 0 writes a NUL: the text ends there (INVARIANT).
		unsigned long end = len_;
		while (end < len_ + written && buf_[end] != '\0')
			++end;
		bool cut = end != len_ + written || want >= room;
		len_ = end;
		buf_[len_] = '\0';
		return cut ? truncated() : Result<void>();
	}

	/// The text so far.
	[[nodiscard]] CStr as_cstr() const
	{
		// SAFETY: the contents are a valid C string (INVARIANT).
		return kcxx::detail::cstr_from_kernel(buf_, capacity() + 1);
	}
	/// The length of the contents, without the NUL.
	[[nodiscard]] unsigned long size() const { return len_; }
	/// The most characters it holds (a page less the NUL).
	[[nodiscard]] static constexpr unsigned long capacity() { return size_limit - 1; }
	/// Whether an append did not fit and was cut short.
	[[nodiscard]] bool is_truncated() const { return truncated_; }

private:
	friend struct detail::Access;
	explicit Page(char *page) : buf_(page), len_(0), truncated_(false) { buf_[0] = '\0'; }

	Error truncated()
	{
		truncated_ = true;
		return code::E2BIG;
	}

	char *buf_;
	unsigned long len_;
	bool truncated_;
};

/// Parsing a store's text exactly as the kernel's kstrto*() do
/// (kcxx/parse.h): configfs::parse<T>(text) is kcxx::parse<T>(text).
using kcxx::parse;

/// The names null_blk's configfs code uses.
[[nodiscard]] inline Result<unsigned int> parse_uint(CStr text) { return parse<unsigned int>(text); }
/// parse<unsigned long>().
[[nodiscard]] inline Result<unsigned long> parse_ulong(CStr text) { return parse<unsigned long>(text); }
/// parse<bool>() (kstrtobool()).
[[nodiscard]] inline Result<bool> parse_bool(CStr text) { return parse<bool>(text); }


/// One attribute: its name and the member functions that show and store it
/// (nullptr for none).  Attr is read-write (0644), AttrRo read-only (0444),
/// AttrWo write-only (0200), as CONFIGFS_ATTR, _RO and _WO make them.
///
///     show:  kcxx::Result<void> show_x(kcxx::configfs::Page &out) const;
///     store: kcxx::Result<void> store_x(kcxx::CStr text);
///            kcxx::Result<void> store_x(Shared &shared, kcxx::CStr text);  (items)
///
/// INVARIANT: name is a string literal (consteval constructor).
template <auto Show, auto Store> class Attr {
	static_assert(!std::is_same_v<decltype(Show), std::nullptr_t> ||
			      !std::is_same_v<decltype(Store), std::nullptr_t>,
		      "kcxx: a configfs attribute needs a show or a store");

public:
	/// The attribute's file name: a string literal.
	template <unsigned long N> consteval explicit Attr(const char (&attribute_name)[N]) : name(attribute_name) {}

	/// The attribute's file name.
	const char *name;
};
/// A read-only attribute (show only).
template <auto Show> using AttrRo = Attr<Show, nullptr>;
/// A write-only attribute (store only).
template <auto Store> using AttrWo = Attr<nullptr, Store>;

/// The attributes of C (an item type or the shared data), for
/// 'static constexpr auto attributes = kcxx::configfs::attributes<C>(...)'.
///
/// INVARIANT: names[i] is the name of the i-th of Specs; the names are not
/// empty, have no '/' and are distinct (checked by attributes<C>()).
template <typename C, typename... Specs> struct AttributeList {
	/// The number of attributes.
	static constexpr unsigned long count = sizeof...(Specs);
	/// Their file names, in order.
	const char *names[count > 0 ? count : 1];
};

namespace detail {

/// Named so that the compile error says what is wrong.
void configfs_attribute_names_must_be_non_empty_unique_and_without_a_slash();

/// What a member-function pointer is: its class, constness and signature.
template <typename... A> struct FirstArg {
	using type = void;
};
template <typename F, typename... A> struct FirstArg<F, A...> {
	using type = F;
};

template <typename C, bool Const, typename R, typename... A> struct MemberInfo {
	static constexpr bool is_function = true;
	static constexpr bool is_const = Const;
	using Class = C;
	using Return = R;
	using First = typename FirstArg<A...>::type;
	static constexpr unsigned long arity = sizeof...(A);
	template <typename... B> static constexpr bool takes = std::is_same_v<void(A...), void(B...)>;
};

template <auto M> struct Member {
	static constexpr bool is_function = false;
	static constexpr bool is_const = false;
	static constexpr unsigned long arity = 0;
	template <typename... B> static constexpr bool takes = false;
};
template <typename C, typename R, typename... A, R (C::*M)(A...)>
struct Member<M> : MemberInfo<C, false, R, A...> {};
template <typename C, typename R, typename... A, R (C::*M)(A...) const>
struct Member<M> : MemberInfo<C, true, R, A...> {};
template <typename C, typename R, typename... A, R (C::*M)(A...) noexcept>
struct Member<M> : MemberInfo<C, false, R, A...> {};
template <typename C, typename R, typename... A, R (C::*M)(A...) const noexcept>
struct Member<M> : MemberInfo<C, true, R, A...> {};

template <auto F> constexpr bool is_none = std::is_same_v<decltype(F), std::nullptr_t>;

/// Whether Show/Store have a signature the trampolines can call (the
/// checks below say why not; this keeps a wrong one from adding errors).
template <typename C, auto Show> constexpr bool valid_show()
{
	using M = Member<Show>;
	if constexpr (M::is_function)
		return std::is_same_v<typename M::Class, C> && M::is_const &&
		       std::is_same_v<typename M::Return, Result<void>> && M::template takes<Page &>;
	return false;
}

template <typename C, auto Show> constexpr bool check_show()
{
	if constexpr (!is_none<Show>) {
		using M = Member<Show>;
		static_assert(M::is_function,
			      "kcxx: a configfs show must be a member function "
			      "'kcxx::Result<void> show_x(kcxx::configfs::Page &) const'");
		if constexpr (M::is_function) {
			static_assert(std::is_same_v<typename M::Class, C>,
				      "kcxx: a configfs show must be a member function of the type "
				      "whose attributes<T>() lists it");
			static_assert(M::is_const,
				      "kcxx: a configfs show must be const: reading an attribute must "
				      "not change the item ('kcxx::Result<void> show_x(kcxx::configfs::Page &) "
				      "const')");
			static_assert(std::is_same_v<typename M::Return, Result<void>> &&
					      M::template takes<Page &>,
				      "kcxx: a configfs show must be 'kcxx::Result<void> "
				      "show_x(kcxx::configfs::Page &) const'");
		}
	}
	return true;
}

/// A store that takes the shared data: (S &, CStr) with S not const.
template <typename M> constexpr bool store_takes_shared()
{
	if constexpr (M::arity == 2) {
		using S = typename M::First;
		return std::is_lvalue_reference_v<S> && !std::is_const_v<std::remove_reference_t<S>> &&
		       std::is_class_v<std::remove_reference_t<S>> &&
		       M::template takes<S, CStr>;
	}
	return false;
}

template <typename C, auto Store> constexpr bool valid_store()
{
	using M = Member<Store>;
	if constexpr (M::is_function)
		return std::is_same_v<typename M::Class, C> && std::is_same_v<typename M::Return, Result<void>> &&
		       (M::template takes<CStr> || store_takes_shared<M>());
	return false;
}

template <typename C, auto Store> constexpr bool check_store()
{
	if constexpr (!is_none<Store>) {
		using M = Member<Store>;
		static_assert(M::is_function,
			      "kcxx: a configfs store must be a member function "
			      "'kcxx::Result<void> store_x(kcxx::CStr)' or "
			      "'kcxx::Result<void> store_x(Shared &, kcxx::CStr)'");
		if constexpr (M::is_function) {
			static_assert(std::is_same_v<typename M::Class, C>,
				      "kcxx: a configfs store must be a member function of the type "
				      "whose attributes<T>() lists it");
			static_assert(std::is_same_v<typename M::Return, Result<void>> &&
					      (M::template takes<CStr> || store_takes_shared<M>()),
				      "kcxx: a configfs store must be 'kcxx::Result<void> "
				      "store_x(kcxx::CStr)' or 'kcxx::Result<void> store_x(Shared &, "
				      "kcxx::CStr)'");
		}
	}
	return true;
}

template <typename Spec> struct SpecOf {
	static constexpr bool is_attr = false;
	static constexpr std::nullptr_t show = nullptr;
	static constexpr std::nullptr_t store = nullptr;
};
template <auto Show, auto Store> struct SpecOf<Attr<Show, Store>> {
	static constexpr bool is_attr = true;
	static constexpr auto show = Show;
	static constexpr auto store = Store;
};
template <typename Spec> constexpr bool is_attr = SpecOf<Spec>::is_attr;

consteval bool same_name(const char *a, const char *b)
{
	while (*a && *a == *b) {
		++a;
		++b;
	}
	return *a == *b;
}

consteval bool valid_name(const char *name)
{
	if (!name[0])
		return false;
	for (const char *p = name; *p; ++p)
		if (*p == '/')
			return false;
	return true;
}

} // namespace detail

/// Builds C's attribute list (checked at compile time: signatures, names).
/// Each of Specs is an Attr, AttrRo or AttrWo.
template <typename C, typename... Specs>
consteval AttributeList<C, Specs...> attributes(Specs... specs)
{
	// Specs deduced as types, each then taken apart by SpecOf: clang 14
	// (Debian's clangd) rejects deducing the packs of 'Attr<Shows,
	// Stores>...' ("a non-type template parameter cannot have type
	// 'auto'"), g++ accepts both.
	static_assert((detail::is_attr<Specs> && ...),
		      "kcxx: configfs::attributes<T>() takes Attr, AttrRo and AttrWo");
	static_assert((detail::check_show<C, detail::SpecOf<Specs>::show>() && ...));
	static_assert((detail::check_store<C, detail::SpecOf<Specs>::store>() && ...));
	AttributeList<C, Specs...> list{};
	unsigned long i = 0;
	((list.names[i++] = specs.name), ...);
	for (unsigned long a = 0; a < sizeof...(specs); ++a) {
		if (!detail::valid_name(list.names[a]))
			detail::configfs_attribute_names_must_be_non_empty_unique_and_without_a_slash();
		for (unsigned long b = 0; b < a; ++b)
			if (detail::same_name(list.names[a], list.names[b]))
				detail::configfs_attribute_names_must_be_non_empty_unique_and_without_a_slash();
	}
	return list;
}

namespace detail {

struct NoShared {};

template <typename T> struct SharedOf {
	using type = NoShared;
};
template <typename T>
	requires requires { typename T::Shared; }
struct SharedOf<T> {
	using type = typename T::Shared;
};
template <typename T> using Shared = typename SharedOf<T>::type;
template <typename T> concept DeclaresShared = requires { typename T::Shared; };

template <typename T> concept MakesWithShared = DeclaresShared<T> && requires(Shared<T> &shared, CStr name) {
	{ T::make(shared, name) } -> std::same_as<Result<Box<T>>>;
};
template <typename T> concept MakesAlone = !DeclaresShared<T> && requires(CStr name) {
	{ T::make(name) } -> std::same_as<Result<Box<T>>>;
};
template <typename T> concept NamesDrop = requires { &T::drop; };
template <typename T> concept DropsWithShared = DeclaresShared<T> && requires(T &t, Shared<T> &shared) {
	{ t.drop(shared) } -> std::same_as<void>;
};
template <typename T> concept DropsAlone = !DeclaresShared<T> && requires(T &t) {
	{ t.drop() } -> std::same_as<void>;
};

template <typename C, typename L> struct IsListOf : std::false_type {};
template <typename C, typename... Specs> struct IsListOf<C, AttributeList<C, Specs...>> : std::true_type {};

template <typename C> concept HasAttributes = requires { C::attributes; };
template <typename C> using ListOf = std::remove_cv_t<decltype(C::attributes)>;

template <typename C> constexpr bool check_attributes()
{
	if constexpr (HasAttributes<C>)
		static_assert(IsListOf<C, ListOf<C>>::value,
			      "kcxx: 'attributes' must be 'static constexpr auto attributes = "
			      "kcxx::configfs::attributes<T>(...)' with T the type that declares it");
	return true;
}

template <typename T> constexpr bool check_item_type()
{
	static_assert(!std::is_reference_v<T> && !std::is_const_v<T>);
	static_assert(MakesWithShared<T> || MakesAlone<T>,
		      "kcxx: a configfs item type needs 'static kcxx::Result<kcxx::Box<T>> "
		      "make(kcxx::CStr name)', or 'static kcxx::Result<kcxx::Box<T>> make(Shared &, "
		      "kcxx::CStr name)' when it declares 'using Shared = ...'");
	static_assert(!NamesDrop<T> || DropsWithShared<T> || DropsAlone<T>,
		      "kcxx: a configfs item's drop must be 'void drop(Shared &)' (or 'void drop()' "
		      "without shared data)");
	static_assert(!std::is_same_v<Shared<T>, T>, "kcxx: an item type cannot be its own shared data");
	static_assert(check_attributes<T>());
	static_assert(check_attributes<Shared<T>>());
	return true;
}

/// The item's struct config_group and the way back to the item and its
/// subsystem.  Standard layout, 'group' first: a struct config_group * or
/// struct config_item * (offset 0 in the group) of a kcxx item is an
/// ItemNode *.
///
/// INVARIANT: owner is the subsystem the item was made in, alive as long
/// as the node (items pin the module; ~Subsystem comes after them).
/// object is empty only between the node's creation and make()'s success,
/// and on make()'s failure path, when configfs has never seen the item.
template <typename T> struct ItemNode {
	kcxx::detail::KernelStruct<bindings::config_group, KCXX_SIZEOF_config_group, KCXX_ALIGNOF_config_group>
		group;
	Subsystem<T> *owner;
	Box<T> object;

	explicit ItemNode(Subsystem<T> *subsystem) : owner(subsystem), object(Box<T>::from_raw(nullptr)) {}

	bindings::config_item *item() const { return reinterpret_cast<bindings::config_item *>(group.get()); }

	static ItemNode &from_item(bindings::config_item *item)
	{
		static_assert(std::is_standard_layout_v<ItemNode>);
		// SAFETY: configfs passes the operations of item_type<T> only
		// items of that type, which make_group() created as the
		// group (offset 0: cg_item) of an ItemNode<T>, the first
		// member of this standard-layout struct.
		return *reinterpret_cast<ItemNode *>(item);
	}
};

/// The subsystem's struct configfs_subsystem and the way back to it.
///
/// INVARIANT: owner is the Subsystem that contains this node.
struct SubsystemNode {
	kcxx::detail::KernelStruct<bindings::configfs_subsystem, KCXX_SIZEOF_configfs_subsystem,
				   KCXX_ALIGNOF_configfs_subsystem>
		subsys;
	void *owner;
};
static_assert(std::is_standard_layout_v<SubsystemNode>);

template <typename T> struct Ops;
template <typename T> struct Tables;

/// How an attribute's show/store reaches its object: an item's (ItemRole)
/// or the subsystem's shared data (SharedRole); both hold the subsystem's
/// lock around the call.
///
/// INVARIANT: none (static functions); 'item' is an item of the role's
/// type (the attribute tables of each type are used only by that type).
template <typename T> struct ItemRole {
	using Object = T;
	static constexpr bool is_item = true;
	template <typename F> static Result<void> with(bindings::config_item *item, F &&f);
};
template <typename T> struct SharedRole {
	using Object = Shared<T>;
	static constexpr bool is_item = false;
	template <typename F> static Result<void> with(bindings::config_item *item, F &&f);
};

/// The framework's way to make a Page.  INVARIANT: none (stateless).
struct Access {
	static Page page(char *buffer) { return Page(buffer); }
};

template <typename Role, auto Show> struct ShowFn {
	static bindings::kcxx_ssize_t call(bindings::config_item *item, char *buffer)
	{
		// configfs's zeroed page (PAGE_SIZE >= Page::size_limit + 1).
		Page out = Access::page(buffer);
		Result<void> result = Role::with(item, [&](typename Role::Object &object, auto &) {
			return (object.*Show)(out);
		});
		if (result.is_error())
			return result.error().to_errno();
		return static_cast<long>(out.size());
	}
};

template <typename Role, auto Store> struct StoreFn {
	using M = Member<Store>;
	static constexpr bool with_shared = store_takes_shared<M>();
	static_assert(Role::is_item || !with_shared,
		      "kcxx: a store of the shared data's attributes takes only the text: "
		      "'kcxx::Result<void> store_x(kcxx::CStr)'");

	static bindings::kcxx_ssize_t call(bindings::config_item *item, const char *buffer,
					  bindings::kcxx_size_t count)
	{
		// configfs NUL-terminates what it copied: buffer[count] == 0
		// (fill_write_buffer(), count <= 4095).
		CStr text = kcxx::detail::cstr_from_kernel(buffer, count + 1);
		Result<void> result = Role::with(item, [&](typename Role::Object &object, auto &shared) {
			if constexpr (with_shared) {
				static_assert(std::is_same_v<typename M::First, std::remove_cvref_t<decltype(shared)> &>,
					      "kcxx: a configfs store's first parameter must be the item "
					      "type's 'Shared &'");
				return (object.*Store)(shared, text);
			} else {
				return (object.*Store)(text);
			}
		});
		if (result.is_error())
			return result.error().to_errno();
		return static_cast<long>(count);
	}
};

template <typename Role, typename Spec> consteval bindings::configfs_attribute attribute_entry(const char *name)
{
	constexpr auto show = SpecOf<Spec>::show;
	constexpr auto store = SpecOf<Spec>::store;
	bindings::configfs_attribute entry{};
	entry.ca_name = name;
	entry.ca_owner = &bindings::__this_module;
	entry.ca_mode = is_none<store> ? 0444 : is_none<show> ? 0200 : 0644;
	using C = typename Role::Object;
	if constexpr (!is_none<show> && valid_show<C, show>())
		entry.show = &ShowFn<Role, show>::call;
	if constexpr (!is_none<store> && valid_store<C, store>())
		entry.store = &StoreFn<Role, store>::call;
	return entry;
}

template <unsigned long N> struct AttributeArray {
	bindings::configfs_attribute entries[N];
};
template <unsigned long N> struct AttributePointers {
	const bindings::configfs_attribute *pointers[N + 1];
};

template <typename Role, typename C, typename... Specs, unsigned long... I>
consteval AttributeArray<sizeof...(Specs)> make_attributes(const AttributeList<C, Specs...> &list,
							    std::index_sequence<I...>)
{
	return AttributeArray<sizeof...(Specs)>{{attribute_entry<Role, Specs>(list.names[I])...}};
}

template <typename Role> constexpr unsigned long attribute_count = ListOf<typename Role::Object>::count;

/// The attributes of Role's object and the null-terminated pointer array
/// that ct_attrs points to: constants in .rodata.
template <typename Role>
inline constexpr AttributeArray<attribute_count<Role>> attribute_array = make_attributes<Role>(
	Role::Object::attributes, std::make_index_sequence<attribute_count<Role>>());

template <typename Role, unsigned long... I>
consteval AttributePointers<sizeof...(I)> make_pointers(std::index_sequence<I...>)
{
	return AttributePointers<sizeof...(I)>{{&attribute_array<Role>.entries[I]..., nullptr}};
}

template <typename Role>
inline constexpr AttributePointers<attribute_count<Role>> attribute_pointers =
	make_pointers<Role>(std::make_index_sequence<attribute_count<Role>>());

template <typename Role> consteval const bindings::configfs_attribute *const *attributes_of()
{
	if constexpr (HasAttributes<typename Role::Object>)
		return attribute_pointers<Role>.pointers;
	else
		return nullptr;
}

/// The C-ABI entry points configfs calls for a Subsystem<T> and its items.
///
/// INVARIANT: none of its own (static functions); make_group and drop_item
/// are called only for the root group of a Subsystem<T> (root_type<T>),
/// release only for items make_group created (item_type<T>).
template <typename T> struct Ops {
	using Node = ItemNode<T>;

	static bindings::config_group *err_ptr(int err)
	{
		return reinterpret_cast<bindings::config_group *>(static_cast<long>(err));
	}

	static bindings::config_group *make_group(bindings::config_group *group, const char *raw_name)
	{
		Subsystem<T> &subsystem = Subsystem<T>::from_group(group);
		// configfs_mkdir() passes a NUL-terminated copy of the
		// dentry name (at most NAME_MAX = 255 characters).
		CStr name = kcxx::detail::cstr_from_kernel(raw_name, 256);
		if (name.is_empty()) [[unlikely]]
			return err_ptr(code::EINVAL.to_errno());
		auto allocated = Box<Node>::try_new(GFP_KERNEL, &subsystem);
		if (allocated.is_error())
			return err_ptr(allocated.error().to_errno());
		Node *node = std::move(allocated).value().into_raw();
		subsystem.item_created();
		__builtin_memset(node->group.get(), 0, KCXX_SIZEOF_config_group);
		// SAFETY: the group is zeroed (config_item_set_name frees a
		// previous non-inline name) and ours alone; name is
		// NUL-terminated; "%s" matches it.
		int err = bindings::config_item_set_name(node->item(), "%s", name.c_str());
		if (err) {
			{
				// configfs never saw it: freed here.
				Box<Node> unused = Box<Node>::from_raw(node);
			}
			subsystem.item_released();
			return err_ptr(code::ENOMEM.to_errno());
		}
		// SAFETY: as above; the name is set (a failure to set it again
		// keeps the current one), item_type<T> is a constant.  From
		// here the group's reference owns the node: release() frees it.
		bindings::config_group_init_type_name(node->group.get(), name.c_str(),
						      &Tables<T>::item_type);
		{
			auto shared = subsystem.shared_.lock();
			Result<Box<T>> made = [&] {
				if constexpr (DeclaresShared<T>)
					return T::make(*shared, name);
				else
					return T::make(name);
			}();
			if (made.is_error())
				err = made.error().to_errno();
			else if (made.value().is_empty()) [[unlikely]] {
				warn("kcxx: configfs make() returned an empty Box");
				err = code::EINVAL.to_errno();
			} else
				node->object = std::move(made).value();
		}
		if (err) {
			// SAFETY: the initial reference, which nothing else
			// holds: release() destroys the node.
			bindings::config_item_put(node->item());
			return err_ptr(err);
		}
		return node->group.get();
	}

	static void drop_item(bindings::config_group *, bindings::config_item *item)
	{
		if constexpr (NamesDrop<T>) {
			Node &node = Node::from_item(item);
			auto shared = node.owner->shared_.lock();
			// drop_item is called only for items make_group
			// returned, which hold an object (ItemNode INVARIANT).
			if constexpr (DeclaresShared<T>)
				node.object->drop(*shared);
			else
				node.object->drop();
		}
		// SAFETY: drops the reference make_group() returned to
		// configfs (what client_drop_item() does without a drop_item).
		bindings::config_item_put(item);
	}

	static void release(bindings::config_item *item)
	{
		Node *node = &Node::from_item(item);
		Subsystem<T> *owner = node->owner;
		// SAFETY: the last reference is gone: configfs will not use
		// the item again (config_item_cleanup() has read what it
		// needs); the node came from Box<Node>::into_raw().
		{
			Box<Node> last = Box<Node>::from_raw(node);
		} // ~T, then the node is freed
		owner->item_released();
	}

	static consteval bindings::configfs_group_operations make_group_ops()
	{
		bindings::configfs_group_operations table{};
		table.slots[bindings::configfs_group_operations::slot(KCXX_OFFSETOF_configfs_group_operations_make_group)].make_group =
			&make_group;
		table.slots[bindings::configfs_group_operations::slot(KCXX_OFFSETOF_configfs_group_operations_drop_item)].drop_item =
			&drop_item;
		return table;
	}

	static_assert(check_item_type<T>());
};

/// The constant tables of a Subsystem<T>, in .rodata.
///
/// INVARIANT: none (constants).
template <typename T> struct Tables {
	static constexpr bindings::configfs_item_operations item_ops{.release = &Ops<T>::release};
	static constexpr bindings::configfs_group_operations group_ops = Ops<T>::make_group_ops();

	/// The type of the items: released by the framework, T's attributes.
	static constexpr bindings::config_item_type item_type{
		.ct_owner = &bindings::__this_module,
		.ct_item_ops = &item_ops,
		.ct_group_ops = nullptr,
		.ct_attrs = attributes_of<ItemRole<T>>(),
		.ct_bin_attrs = nullptr,
	};
	/// The type of the subsystem's directory: mkdir/rmdir, the shared
	/// data's attributes.  Never released (the Subsystem owns it).
	static constexpr bindings::config_item_type root_type{
		.ct_owner = &bindings::__this_module,
		.ct_item_ops = nullptr,
		.ct_group_ops = &group_ops,
		.ct_attrs = attributes_of<SharedRole<T>>(),
		.ct_bin_attrs = nullptr,
	};

};

} // namespace detail

/// A registered configfs subsystem, /sys/kernel/config/\<name\>/, whose
/// user-created items are T objects.  Not movable: configfs links its
/// struct configfs_subsystem; try_new() builds it in place in a Box.
///
/// INVARIANT: while registered_, node_.subsys is registered with configfs
/// with root_type<T>; live_items_ counts the ItemNodes that exist (created
/// in make_group, destroyed in release); shared_ holds the shared data and
/// is the lock every callback holds.
template <typename T> class Subsystem {
	struct Token {};

public:
	/// The data the subsystem shares with its items, behind the subsystem's lock.
	using SharedData = detail::Shared<T>;
	/// Kept in the group's inline name buffer (no allocation).
	static constexpr unsigned long max_name = KCXX_CONFIGFS_ITEM_NAME_LEN - 1;

	/// Registers /sys/kernel/config/\<name\>; 'args' construct the shared
	/// data in place.  EINVAL for an empty name, one longer than
	/// max_name or with a '/'; configfs's errors (EEXIST, ENOMEM) as
	/// they are.
	template <typename... Args>
	[[nodiscard]] static Result<Box<Subsystem>> try_new(Gfp flags, CStr name, Args &&...args)
	{
		static_assert(detail::check_item_type<T>());
		if (name.is_empty() || name.size() > max_name)
			return code::EINVAL;
		for (char c : name)
			if (c == '/')
				return code::EINVAL;
		auto subsystem = TRY(Box<Subsystem>::try_new(flags, Token{}, name, std::forward<Args>(args)...));
		TRY(subsystem->register_subsystem());
		return subsystem;
	}

	/// Built only by try_new() (Token is private).
	template <typename... Args>
	Subsystem(Token, CStr name, Args &&...args)
		: shared_(KCXX_LOCK_CLASS("kcxx_configfs_subsystem"), std::forward<Args>(args)...)
	{
		unsigned long i = 0;
		for (; i < name.size() && i < max_name; ++i)
			name_[i] = name.c_str()[i];
		name_[i] = '\0';
		node_.owner = this;
	}

	Subsystem(const Subsystem &) = delete;
	Subsystem &operator=(const Subsystem &) = delete;

	~Subsystem()
	{
		if (!registered_)
			return;
		// SAFETY: registered by register_subsystem() (INVARIANT).
		// configfs removes the directory; no callback of the root
		// runs afterwards.
		bindings::configfs_unregister_subsystem(subsys());
		if (__atomic_load_n(&live_items_, __ATOMIC_ACQUIRE) != 0) [[unlikely]]
			warn("kcxx: configfs subsystem destroyed while user-created items exist");
	}

	/// The shared data, with the subsystem's lock held until the guard
	/// goes (configfs callbacks wait meanwhile).  May sleep.
	[[nodiscard]] MutexGuard<SharedData> shared() const & { return shared_.lock(); }
	MutexGuard<SharedData> shared() const && = delete;

	/// The subsystem's name (/sys/kernel/config/\<name\>).
	[[nodiscard]] CStr name() const { return kcxx::detail::cstr_from_kernel(name_, sizeof(name_)); }

	/// How many items exist (made and not yet released): a snapshot.
	[[nodiscard]] long items() const { return __atomic_load_n(&live_items_, __ATOMIC_ACQUIRE); }

private:
	friend struct detail::Ops<T>;
	friend struct detail::ItemRole<T>;
	friend struct detail::SharedRole<T>;

	bindings::configfs_subsystem *subsys() const { return node_.subsys.get(); }
	bindings::config_group *group() const { return reinterpret_cast<bindings::config_group *>(subsys()); }

	static Subsystem &from_group(bindings::config_group *group)
	{
		// SAFETY: root_type<T>'s operations are called only for the
		// root group of a registered Subsystem<T>: su_group (offset
		// 0) of node_.subsys, the first member of the standard-layout
		// SubsystemNode; the subsystem unregisters before it dies.
		return *static_cast<Subsystem *>(reinterpret_cast<detail::SubsystemNode *>(group)->owner);
	}
	static Subsystem &from_item(bindings::config_item *item)
	{
		// cg_item is at offset 0 of the group (static_assert above).
		return from_group(reinterpret_cast<bindings::config_group *>(item));
	}

	Result<void> register_subsystem()
	{
		__builtin_memset(subsys(), 0, KCXX_SIZEOF_configfs_subsystem);
		// SAFETY: zeroed storage for the struct, at a fixed address
		// (Box); the name is shorter than CONFIGFS_ITEM_NAME_LEN, so
		// it goes in the inline buffer and this cannot fail; the type
		// is a constant.
		bindings::config_group_init_type_name(group(), name_, &detail::Tables<T>::root_type);
		LockClass su_mutex_class = KCXX_LOCK_CLASS("configfs_subsystem.su_mutex");
		// SAFETY: su_mutex inside the subsystem storage (offset from
		// layout.c), initialised once; the class is static.
		bindings::__mutex_init(&kcxx::detail::kernel_field<bindings::mutex>(subsys(),
								      KCXX_OFFSETOF_configfs_subsystem_su_mutex),
				       su_mutex_class.name(), su_mutex_class.key());
		// SAFETY: fully initialised, lives in this Box-pinned object
		// until the destructor unregisters it.
		int err = bindings::configfs_register_subsystem(subsys());
		if (err)
			return Error::from_errno(err);
		registered_ = true;
		return {};
	}

	void item_created() { __atomic_add_fetch(&live_items_, 1, __ATOMIC_RELAXED); }
	void item_released() { __atomic_sub_fetch(&live_items_, 1, __ATOMIC_RELEASE); }

	detail::SubsystemNode node_{};
	char name_[max_name + 1] = {};
	long live_items_ = 0;
	bool registered_ = false;
	Mutex<SharedData> shared_;
};

namespace detail {

template <typename T>
template <typename F>
Result<void> ItemRole<T>::with(bindings::config_item *item, F &&f)
{
	ItemNode<T> &node = ItemNode<T>::from_item(item);
	auto shared = node.owner->shared_.lock();
	// An item whose attributes configfs shows holds an object
	// (ItemNode INVARIANT: make_group returned it).
	return f(*node.object, *shared);
}

template <typename T>
template <typename F>
Result<void> SharedRole<T>::with(bindings::config_item *item, F &&f)
{
	Subsystem<T> &subsystem = Subsystem<T>::from_item(item);
	auto shared = subsystem.shared_.lock();
	return f(*shared, *shared);
}

} // namespace detail

} // namespace kcxx::configfs
