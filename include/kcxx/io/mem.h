// SPDX-License-Identifier: GPL-2.0
/// \file
/// kcxx::io::Resource and kcxx::io::IoMem<SIZE>: a device's memory resource
/// (a physical address range described by firmware: device tree, ACPI, a
/// platform device's resources, an AMBA device's window), requested and
/// mapped as an MMIO window of SIZE bytes (Rust's IoRequest and
/// ExclusiveIoMem<SIZE>).
///
///     // in probe: the bus hands out a bound device's resources
///     io::Resource res = TRY(pdev.mem_resource(0));      // platform::BoundDevice
///     auto regs = TRY(io::IoMem<0x20>::map(pdev.device(), res, "cpl031"));  // Devres<IoMem<0x20>>
///     const io::IoMem<0x20> *r = TRY(regs.access(dev));  // a proof of binding at hand
///     u32 now = r->read32<0x00>();                       // offsets checked at compile time
///
/// A Resource is a value only bus code makes (platform::BoundDevice::
/// mem_resource(), amba::BoundDevice::resource()): a driver cannot map an
/// address of its own choosing.  map() requests the range for the driver
/// (request_mem_region(): -EBUSY if another driver holds it), maps it
/// uncached (ioremap()) and returns the window inside a Devres, so no access
/// can happen after unbind, when the mapping is undone and the range
/// released.  A resource smaller than SIZE is refused (-EINVAL): every
/// constant offset the compiler accepted is inside the mapping.
///
/// INVARIANT (IoMem): if error_ is 0, [start_, start_ + size_) is requested
/// by this object and mapped at the window's base, size_ >= SIZE, until
/// destruction.
#pragma once

#include <kcxx/bindings.h>
#include <kcxx/devres.h>
#include <kcxx/device.h>
#include <kcxx/error.h>
#include <kcxx/gfp.h>
#include <kcxx/io/mmio.h>
#include <kcxx/result.h>
#include <kcxx/types.h>

namespace kcxx::io {

namespace detail {
struct ResourceAccess;
}

/// A memory resource of a bound device (see kcxx/io/mem.h): where its
/// registers are.  Made only by bus code.
class Resource {
public:
	/// The first physical address.
	[[nodiscard]] u64 start() const { return start_; }
	/// The size in bytes.
	[[nodiscard]] u64 size() const { return size_; }

private:
	friend struct detail::ResourceAccess;
	Resource(u64 start, u64 size) : start_(start), size_(size) {}

	u64 start_;
	u64 size_;
};

namespace detail {

/// For bus code only: a Resource from the kernel's struct resource of a
/// bound device.  -EINVAL for a missing, empty or non-memory one.
struct ResourceAccess {
	static Result<Resource> from_raw(const bindings::resource *res)
	{
		if (!res)
			return code::EINVAL;
		// SAFETY: a resource of a device that is bound (the bus
		// code's contract), so it lives while we read it.
		unsigned long flags = bindings::kcxx_helper_resource_flags(res);
		u64 size = bindings::kcxx_helper_resource_size(res);
		if (!(flags & KCXX_IORESOURCE_MEM) || size == 0)
			return code::EINVAL;
		return Resource(bindings::kcxx_helper_resource_start(res), size);
	}
};

} // namespace detail

/// A requested and mapped memory resource, an MMIO window of SIZE bytes,
/// reachable only inside a Devres (see kcxx/io/mem.h).
template <unsigned long SIZE> class IoMem : public Mmio<SIZE> {
	/// explicit: '{}' cannot stand for a Token outside IoMem, so no one
	/// else can call the constructor (an IoMem outside a Devres).
	struct Token {
		explicit Token() = default;
	};

public:
	/// Requests and maps 'res' of the device in probe.  -EINVAL if the
	/// resource is smaller than SIZE, -EBUSY if another driver holds the
	/// range, -ENOMEM.
	[[nodiscard]] static Result<Devres<IoMem>> map(const CoreDevice &dev, const Resource &res, const char *name,
						       Gfp gfp = GFP_KERNEL)
	{
		auto mem = TRY(Devres<IoMem>::try_new(dev, gfp, Token{}, res, name));
		const IoMem *mapped = TRY(mem.access(dev));
		if (mapped->error_)
			return Error::from_errno(mapped->error_);
		return mem;
	}

	/// Built in place by map() only (Token is private); does the request
	/// and the mapping, and records their error.
	IoMem(Token, const Resource &res, const char *name) : start_(res.start()), size_(res.size())
	{
		if (size_ < SIZE || size_ > ~0ul) {
			error_ = code::EINVAL.to_errno();
			return;
		}
		// SAFETY: a resource the bus described for the bound device
		// (Resource is made only by bus code); released by the
		// destructor.  'name' outlives the request (a literal).
		if (!bindings::kcxx_helper_request_mem_region(start_, size_, name)) {
			error_ = code::EBUSY.to_errno();
			return;
		}
		// SAFETY: the range is ours; unmapped by the destructor.
		void *base = bindings::kcxx_helper_ioremap(start_, size_);
		if (!base) {
			bindings::kcxx_helper_release_mem_region(start_, size_);
			error_ = code::ENOMEM.to_errno();
			return;
		}
		this->set_mapping(base, static_cast<unsigned long>(size_));
		error_ = 0;
	}

	IoMem(const IoMem &) = delete;
	IoMem &operator=(const IoMem &) = delete;

	~IoMem()
	{
		if (error_)
			return;
		// SAFETY: mapped and requested by the constructor
		// (INVARIANT); nothing reaches the window any more (Devres
		// revoked us).
		bindings::kcxx_helper_iounmap(this->base_for_owner());
		bindings::kcxx_helper_release_mem_region(start_, size_);
	}

	/// The physical address the window maps.
	[[nodiscard]] u64 start() const { return start_; }

private:
	u64 start_;
	u64 size_;
	int error_ = 0;
};

} // namespace kcxx::io
