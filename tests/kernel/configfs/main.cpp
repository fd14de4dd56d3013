// SPDX-License-Identifier: GPL-2.0
//
// kcxx_configfs_test: configfs subsystems that test kcxx::configfs from
// user space (tests/vm/configfs.sh).
//
// /sys/kernel/config/kcxx_cfs_test/ (items: Dev, shared data: Registry)
//   features   RO  a fixed list
//   stats      RO  live=.. made=.. dropped=.. destroyed=.. powered=..
//   max_items  RW  uint: how many items mkdir may create (ENOSPC beyond)
//   <name>/    mkdir: EEXIST for a name the registry has ("taken"),
//              ENOSPC beyond max_items, ENAMETOOLONG for 32+ characters
//     size (ulong), blocksize (uint, a power of two in 512..4096), offset
//     (int), power (bool, counted in the shared data), label (string,
//     31 characters), echo (any text, returned as written), echo_len (RO),
//     index (RO), name (RO), reset (WO), big (RO, more than a page: cut),
//     overflow (RO, fails with E2BIG)
// /sys/kernel/config/kcxx_cfs_plain/ (items: Plain, no shared data)
//     value (uint)
#include <kcxx/box.h>
#include <kcxx/configfs.h>
#include <kcxx/module.h>
#include <kcxx/print.h>
#include <kcxx/str.h>
#include <kcxx/sync/atomic.h>

namespace {

using kcxx::Box;
using kcxx::CStr;
using kcxx::Result;
using kcxx::configfs::Attr;
using kcxx::configfs::AttrRo;
using kcxx::configfs::AttrWo;
using kcxx::configfs::Page;
namespace code = kcxx::code;
namespace cfs = kcxx::configfs;

// Items destroyed (their destructor ran), for the leak checks.
constinit kcxx::Atomic<long> destroyed{0};
constinit kcxx::Atomic<long> plain_destroyed{0};

constexpr unsigned long name_capacity = 32;

// A name copied into a fixed buffer.
//
// INVARIANT: text_ is NUL-terminated within name_capacity bytes.
class Name {
public:
	Name() = default;
	// Callers check the length first; a longer name is cut.
	explicit Name(CStr name) { set(name); }
	void set(CStr name)
	{
		unsigned long i = 0;
		for (; i < name.size() && i + 1 < name_capacity; ++i)
			text_[i] = name.c_str()[i];
		text_[i] = '\0';
	}
	[[nodiscard]] CStr get() const
	{
		auto s = CStr::from_bytes_until_nul(text_, name_capacity);
		return s.is_error() ? CStr() : s.value();
	}

private:
	char text_[name_capacity] = {};
};

// The subsystem's shared data: the names in use (as null_blk's device
// list), counters, and root attributes.
class Registry {
public:
	static constexpr unsigned int slots = 8;

	explicit Registry(unsigned int max_items) : max_items_(max_items)
	{
		// A name that is in use without a configfs item, as a
		// null_blk device made from module parameters.
		names_[0].set("taken");
		used_[0] = true;
	}

	Result<void> show_features(Page &out) const { return out.append("size,blocksize,offset,power,label,echo\n"); }

	Result<void> show_stats(Page &out) const
	{
		return out.appendf<"live=%u made=%lu dropped=%lu destroyed=%ld powered=%u\n">(
			items_, made_, dropped_, destroyed.load(), powered_);
	}

	Result<void> show_max_items(Page &out) const { return out.appendf<"%u\n">(max_items_); }
	Result<void> store_max_items(CStr text)
	{
		unsigned int value = TRY(cfs::parse_uint(text));
		if (value >= slots)
			return code::EINVAL;
		max_items_ = value;
		return {};
	}

	static constexpr auto attributes = cfs::attributes<Registry>(
		AttrRo<&Registry::show_features>("features"), AttrRo<&Registry::show_stats>("stats"),
		Attr<&Registry::show_max_items, &Registry::store_max_items>("max_items"));

	// A new item's name: its serial number, or EEXIST, ENOSPC,
	// ENAMETOOLONG.
	Result<unsigned long> add(CStr name)
	{
		if (name.size() >= name_capacity)
			return code::ENAMETOOLONG;
		for (unsigned int i = 0; i < slots; ++i)
			if (used_[i] && names_[i].get() == name)
				return code::EEXIST;
		if (items_ >= max_items_)
			return code::ENOSPC;
		for (unsigned int i = 1; i < slots; ++i) {
			if (!used_[i]) {
				used_[i] = true;
				names_[i].set(name);
				++items_;
				return made_++;
			}
		}
		return code::ENOSPC;
	}

	void remove(CStr name)
	{
		for (unsigned int i = 1; i < slots; ++i) {
			if (used_[i] && names_[i].get() == name) {
				used_[i] = false;
				--items_;
				++dropped_;
				return;
			}
		}
		kcxx::warn("kcxx_configfs_test: dropping an unknown name");
	}

	void power(bool on) { on ? ++powered_ : --powered_; }

	unsigned long made() const { return made_; }
	unsigned long dropped() const { return dropped_; }
	unsigned int items() const { return items_; }

private:
	Name names_[slots];
	bool used_[slots] = {};
	unsigned int items_ = 0;
	unsigned int max_items_;
	unsigned long made_ = 0;
	unsigned long dropped_ = 0;
	unsigned int powered_ = 0;
};

// One item per mkdir.
class Dev {
public:
	using Shared = Registry;

	static Result<Box<Dev>> make(Shared &shared, CStr name)
	{
		unsigned long index = TRY(shared.add(name));
		auto dev = Box<Dev>::try_new(kcxx::GFP_KERNEL, index, name);
		if (dev.is_error())
			shared.remove(name);
		return dev;
	}

	Dev(unsigned long index, CStr name) : index_(index), name_(name) {}
	Dev(const Dev &) = delete;
	Dev &operator=(const Dev &) = delete;
	~Dev() { destroyed.inc(); }

	void drop(Shared &shared)
	{
		if (power_)
			shared.power(false);
		shared.remove(name_.get());
	}

	Result<void> show_size(Page &out) const { return out.appendf<"%lu\n">(size_); }
	Result<void> store_size(CStr text)
	{
		size_ = TRY(cfs::parse_ulong(text));
		return {};
	}

	Result<void> show_blocksize(Page &out) const { return out.appendf<"%u\n">(blocksize_); }
	Result<void> store_blocksize(CStr text)
	{
		unsigned int value = TRY(cfs::parse_uint(text));
		if (value < 512 || value > 4096 || (value & (value - 1)))
			return code::EINVAL;
		blocksize_ = value;
		return {};
	}

	Result<void> show_offset(Page &out) const { return out.appendf<"%d\n">(offset_); }
	Result<void> store_offset(CStr text)
	{
		offset_ = TRY(cfs::parse<int>(text));
		return {};
	}

	Result<void> show_power(Page &out) const { return out.appendf<"%d\n">(power_ ? 1 : 0); }
	Result<void> store_power(Shared &shared, CStr text)
	{
		bool on = TRY(cfs::parse_bool(text));
		if (on != power_)
			shared.power(on);
		power_ = on;
		return {};
	}

	Result<void> show_label(Page &out) const
	{
		TRY(out.append(label_.get()));
		return out.append_char('\n');
	}
	Result<void> store_label(CStr text)
	{
		unsigned long n = text.size();
		if (n && text.at(n - 1) == '\n')
			--n;
		if (n >= name_capacity)
			return code::EINVAL;
		char copy[name_capacity] = {};
		for (unsigned long i = 0; i < n; ++i)
			copy[i] = text.at(i);
		label_.set(TRY(CStr::from_bytes_until_nul(copy, sizeof(copy))));
		return {};
	}

	Result<void> show_echo(Page &out) const
	{
		return out.append(TRY(CStr::from_bytes_until_nul(echo_, sizeof(echo_))));
	}
	Result<void> store_echo(CStr text)
	{
		// At most 4095 bytes per write (configfs): it fits.
		unsigned long n = text.size() < sizeof(echo_) ? text.size() : sizeof(echo_) - 1;
		for (unsigned long i = 0; i < n; ++i)
			echo_[i] = text.at(i);
		echo_[n] = '\0';
		echo_len_ = text.size();
		return {};
	}
	Result<void> show_echo_len(Page &out) const { return out.appendf<"%lu\n">(echo_len_); }

	Result<void> show_index(Page &out) const { return out.appendf<"%lu\n">(index_); }
	Result<void> show_name(Page &out) const { return out.appendf<"%s\n">(name_.get()); }

	Result<void> store_reset(CStr)
	{
		size_ = 0;
		blocksize_ = 512;
		offset_ = 0;
		return {};
	}

	// More than a page: what fits is shown (4095 characters).
	Result<void> show_big(Page &out) const
	{
		for (int i = 0; i < 500; ++i)
			if (out.append("0123456789").is_error())
				break;
		return {};
	}
	// The same with the error passed on: read(2) fails with E2BIG.
	Result<void> show_overflow(Page &out) const
	{
		for (int i = 0; i < 500; ++i)
			TRY(out.appendf<"%09d\n">(i));
		return {};
	}

	static constexpr auto attributes = cfs::attributes<Dev>(
		Attr<&Dev::show_size, &Dev::store_size>("size"),
		Attr<&Dev::show_blocksize, &Dev::store_blocksize>("blocksize"),
		Attr<&Dev::show_offset, &Dev::store_offset>("offset"),
		Attr<&Dev::show_power, &Dev::store_power>("power"),
		Attr<&Dev::show_label, &Dev::store_label>("label"),
		Attr<&Dev::show_echo, &Dev::store_echo>("echo"), AttrRo<&Dev::show_echo_len>("echo_len"),
		AttrRo<&Dev::show_index>("index"), AttrRo<&Dev::show_name>("name"),
		AttrWo<&Dev::store_reset>("reset"), AttrRo<&Dev::show_big>("big"),
		AttrRo<&Dev::show_overflow>("overflow"));

private:
	unsigned long index_;
	Name name_;
	unsigned long size_ = 0;
	unsigned int blocksize_ = 512;
	int offset_ = 0;
	bool power_ = false;
	Name label_;
	unsigned long echo_len_ = 0;
	char echo_[Page::size_limit] = {};
};

// Items without shared data: make(name) and drop().
class Plain {
public:
	static Result<Box<Plain>> make(CStr name)
	{
		if (name == CStr("no"))
			return code::EPERM;
		return Box<Plain>::try_new(kcxx::GFP_KERNEL);
	}
	~Plain() { plain_destroyed.inc(); }
	void drop() { dropped_ = true; }

	Result<void> show_value(Page &out) const { return out.appendf<"%u\n">(value_); }
	Result<void> store_value(CStr text)
	{
		value_ = TRY(cfs::parse_uint(text));
		return {};
	}
	Result<void> show_destroyed(Page &out) const { return out.appendf<"%ld\n">(plain_destroyed.load()); }

	static constexpr auto attributes =
		cfs::attributes<Plain>(Attr<&Plain::show_value, &Plain::store_value>("value"),
				       AttrRo<&Plain::show_destroyed>("destroyed"));

private:
	unsigned int value_ = 0;
	bool dropped_ = false;
};

template <typename R> bool fails_with(const R &result, kcxx::Error error)
{
	return result.is_error() && result.error() == error;
}

// try_new()'s refusals, before the real subsystems exist.
Result<void> check_refused_names()
{
	if (!fails_with(cfs::Subsystem<Plain>::try_new(kcxx::GFP_KERNEL, ""), code::EINVAL) ||
	    !fails_with(cfs::Subsystem<Plain>::try_new(kcxx::GFP_KERNEL, "a/b"), code::EINVAL) ||
	    !fails_with(cfs::Subsystem<Plain>::try_new(kcxx::GFP_KERNEL, "twenty_characters_xx"), code::EINVAL)) {
		pr_err("a bad subsystem name was not refused with EINVAL\n");
		return code::EINVAL;
	}
	return {};
}

class ConfigfsTest {
public:
	static constexpr kcxx::ModuleInfo info{
		.name = "kcxx_configfs_test",
		.license = "GPL",
		.author = "The kcxx authors",
		.description = "configfs subsystems that test kcxx::configfs from user space",
	};

	static Result<ConfigfsTest> init()
	{
		TRY(check_refused_names());
		auto plain = TRY(cfs::Subsystem<Plain>::try_new(kcxx::GFP_KERNEL, "kcxx_cfs_plain"));
		// A second subsystem of the same name: configfs says EEXIST.
		auto again = cfs::Subsystem<Plain>::try_new(kcxx::GFP_KERNEL, "kcxx_cfs_plain");
		if (!fails_with(again, code::EEXIST)) {
			pr_err("a duplicate subsystem was not refused with EEXIST\n");
			return code::EINVAL;
		}
		auto subsystem = TRY(cfs::Subsystem<Dev>::try_new(kcxx::GFP_KERNEL, "kcxx_cfs_test", 4u));
		pr_info("registered %s (max_items 4, %lu items) and %s\n",
			subsystem->name(), subsystem->shared()->made(), plain->name());
		return ConfigfsTest(std::move(subsystem), std::move(plain));
	}

	ConfigfsTest(ConfigfsTest &&) = default;

	~ConfigfsTest()
	{
		if (subsystem_.is_empty())
			return;
		unsigned long made, dropped;
		{
			auto shared = subsystem_->shared();
			made = shared->made();
			dropped = shared->dropped();
		}
		long live = subsystem_->items() + plain_->items();
		pr_info("exit made=%lu dropped=%lu destroyed=%ld live=%ld plain_destroyed=%ld\n",
			made, dropped, destroyed.load(), live, plain_destroyed.load());
	}

private:
	ConfigfsTest(Box<cfs::Subsystem<Dev>> subsystem, Box<cfs::Subsystem<Plain>> plain)
		: subsystem_(std::move(subsystem)), plain_(std::move(plain))
	{
	}

	Box<cfs::Subsystem<Dev>> subsystem_;
	Box<cfs::Subsystem<Plain>> plain_;
};

} // namespace

KCXX_MODULE(ConfigfsTest);
