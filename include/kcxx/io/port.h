// SPDX-License-Identifier: GPL-2.0
/// \file
/// kcxx::io::PortResource and kcxx::io::IoPort<SIZE>: a device's I/O port
/// resource (IORESOURCE_IO: x86's port space, or the PCI I/O window other
/// architectures map at PCI_IOBASE), requested and mapped as a window of
/// SIZE ports whose accesses are checked against SIZE (the I/O port twin of
/// io/mem.h's IoMem).
///
///     // in probe: the bus hands out a bound device's resources
///     auto ports = TRY(pdev.ioport_map<2>(0, "demo"));    // platform::CoreDevice
///     const io::IoPort<2> *p = TRY(ports.access(dev));    // a proof of binding at hand
///     p->write16<0x0>(key);                               // offsets checked at compile time
///     u8 byte = p->read8<0x1>();
///     auto v = TRY(p->try_read8(offset));                 // known at run time: -EINVAL
///
/// A PortResource is a value only bus code makes (platform::BoundDevice::
/// port_resource()): a driver cannot reach a port of its own choosing.
/// map() requests the ports for the driver (request_region(): -EBUSY if
/// another driver holds them), maps them (ioport_map(): the cookie the
/// kernel's ioread8()/iowrite8() family takes, which is inb()/outb() on
/// x86 and readb()/writeb() at PCI_IOBASE elsewhere) and returns the
/// window inside a Devres, so no access can happen after unbind, when the
/// ports are released.  A resource smaller than SIZE is refused (-EINVAL):
/// every constant offset the compiler accepted is inside it.  Accesses are
/// 8, 16 or 32 bits wide, each at an offset aligned to its width, and
/// ordered like readX()/writeX() (port I/O instructions on x86 are
/// serialising).  Each one is a call into the kernel (ioread8() and
/// friends): port I/O is slow anyway, and one set of accessors serves every
/// architecture, so nothing here is architecture-specific.
///
/// INVARIANT (IoPort): if error_ is 0, ports [start_, start_ + size_) are
/// requested by this object and cookie_ is ioport_map()'s mapping of them,
/// size_ >= SIZE, until destruction.
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
struct PortResourceAccess;
}

/// An I/O port resource of a bound device (see kcxx/io/port.h): which
/// ports its registers are.  Made only by bus code.
class PortResource {
public:
	/// The first port.
	[[nodiscard]] u64 start() const { return start_; }
	/// The number of ports.
	[[nodiscard]] u64 size() const { return size_; }

private:
	friend struct detail::PortResourceAccess;
	PortResource(u64 start, u64 size) : start_(start), size_(size) {}

	u64 start_;
	u64 size_;
};

namespace detail {

/// For bus code only: a PortResource from the kernel's struct resource of
/// a bound device.  -EINVAL for a missing, empty or non-port one.
struct PortResourceAccess {
	static Result<PortResource> from_raw(const bindings::resource *res)
	{
		if (!res)
			return code::EINVAL;
		// SAFETY: a resource of a device that is bound (the bus
		// code's contract), so it lives while we read it.
		unsigned long flags = bindings::kcxx_helper_resource_flags(res);
		u64 size = bindings::kcxx_helper_resource_size(res);
		if (!(flags & KCXX_IORESOURCE_IO) || size == 0)
			return code::EINVAL;
		return PortResource(bindings::kcxx_helper_resource_start(res), size);
	}
};

/// One port access through ioport_map()'s cookie (ioread8() ...).
///
/// SAFETY (all): the callers are IoPort's accessors, which pass the cookie
/// plus an offset inside the requested ports (IoPort's INVARIANT, the offset
/// checked at compile or run time), aligned to the access's width.
template <typename U> inline U port_read(const u8 *addr)
{
	if constexpr (sizeof(U) == 1)
		return bindings::kcxx_helper_ioread8(addr);
	else if constexpr (sizeof(U) == 2)
		return bindings::kcxx_helper_ioread16(addr);
	else
		return bindings::kcxx_helper_ioread32(addr);
}

template <typename U> inline void port_write(U value, u8 *addr)
{
	if constexpr (sizeof(U) == 1)
		bindings::kcxx_helper_iowrite8(value, addr);
	else if constexpr (sizeof(U) == 2)
		bindings::kcxx_helper_iowrite16(value, addr);
	else
		bindings::kcxx_helper_iowrite32(value, addr);
}

} // namespace detail

/// A requested and mapped I/O port resource, a window of SIZE ports,
/// reachable only inside a Devres (see kcxx/io/port.h).
template <unsigned long SIZE> class IoPort {
	/// explicit: '{}' cannot stand for a Token outside IoPort, so no one
	/// else can call the constructor (an IoPort outside a Devres).
	struct Token {
		explicit Token() = default;
	};

public:
	/// The size the ports' offsets are checked against at compile time.
	static constexpr unsigned long size = SIZE;

	/// Requests and maps 'res' of the device in probe.  -EINVAL if the
	/// resource is smaller than SIZE, -EBUSY if another driver holds the
	/// ports, -ENOMEM (also: no port I/O on this architecture).
	[[nodiscard]] static Result<Devres<IoPort>> map(const CoreDevice &dev, const PortResource &res,
							const char *name, Gfp gfp = GFP_KERNEL)
	{
		auto ports = TRY(Devres<IoPort>::try_new(dev, gfp, Token{}, res, name));
		const IoPort *mapped = TRY(ports.access(dev));
		if (mapped->error_)
			return Error::from_errno(mapped->error_);
		return ports;
	}

	/// Built in place by map() only (Token is private); does the request
	/// and the mapping, and records their error.
	IoPort(Token, const PortResource &res, const char *name) : start_(res.start()), size_(res.size())
	{
		if (size_ < SIZE || size_ > 0xffffffffu) {
			error_ = code::EINVAL.to_errno();
			return;
		}
		// SAFETY: ports the bus described for the bound device
		// (PortResource is made only by bus code); released by the
		// destructor.  'name' outlives the request (a literal).
		if (!bindings::kcxx_helper_request_region(start_, size_, name)) {
			error_ = code::EBUSY.to_errno();
			return;
		}
		// SAFETY: the ports are ours; unmapped by the destructor.
		cookie_ = static_cast<u8 *>(bindings::kcxx_helper_ioport_map(start_, size_));
		if (!cookie_) {
			bindings::kcxx_helper_release_region(start_, size_);
			error_ = code::ENOMEM.to_errno();
			return;
		}
		error_ = 0;
	}

	/// Not copyable (nor movable): a copy would outlive the Devres and
	/// reach the ports after unbind.
	IoPort(const IoPort &) = delete;
	IoPort &operator=(const IoPort &) = delete;

	~IoPort()
	{
		if (error_)
			return;
		// SAFETY: mapped and requested by the constructor
		// (INVARIANT); nothing reaches the ports any more (Devres
		// revoked us).
		bindings::kcxx_helper_ioport_unmap(cookie_);
		bindings::kcxx_helper_release_region(start_, size_);
	}

	/// The first port of the window.
	[[nodiscard]] u64 start() const { return start_; }

	/// The number of ports requested (>= SIZE).
	[[nodiscard]] unsigned long mapped_size() const { return static_cast<unsigned long>(size_); }

/// Defines the accessors of one width ('bits': 8, 16, 32): read8\<OFF\>()
/// and write8\<OFF\>(value) at a constant offset (out of the window or
/// misaligned: does not compile), try_read8(offset) and try_write8(value,
/// offset) at an offset known at run time (-EINVAL out of the requested
/// ports or misaligned).
#define KCXX_PORT_ACCESSORS(bits, U)                                                                  \
	template <unsigned long OFFSET> [[nodiscard]] U read##bits() const                            \
	{                                                                                             \
		static_assert(detail::offset_in_window<U>(OFFSET, SIZE),                              \
			      "kcxx: port read" #bits " at an offset outside the window");             \
		static_assert(detail::offset_aligned<U>(OFFSET),                                      \
			      "kcxx: port read" #bits " at an offset not aligned to " #bits " bits");   \
		return detail::port_read<U>(cookie_ + OFFSET);                                        \
	}                                                                                             \
	template <unsigned long OFFSET> void write##bits(U value) const                               \
	{                                                                                             \
		static_assert(detail::offset_in_window<U>(OFFSET, SIZE),                              \
			      "kcxx: port write" #bits " at an offset outside the window");            \
		static_assert(detail::offset_aligned<U>(OFFSET),                                      \
			      "kcxx: port write" #bits " at an offset not aligned to " #bits " bits");  \
		detail::port_write<U>(value, cookie_ + OFFSET);                                       \
	}                                                                                             \
	[[nodiscard]] Result<U> try_read##bits(unsigned long offset) const                           \
	{                                                                                             \
		if (!detail::offset_valid<U>(offset, mapped_size())) [[unlikely]]                     \
			return code::EINVAL;                                                          \
		return detail::port_read<U>(cookie_ + offset);                                        \
	}                                                                                             \
	[[nodiscard]] Result<void> try_write##bits(U value, unsigned long offset) const               \
	{                                                                                             \
		if (!detail::offset_valid<U>(offset, mapped_size())) [[unlikely]]                     \
			return code::EINVAL;                                                          \
		detail::port_write<U>(value, cookie_ + offset);                                       \
		return {};                                                                            \
	}

	KCXX_PORT_ACCESSORS(8, u8)
	KCXX_PORT_ACCESSORS(16, u16)
	KCXX_PORT_ACCESSORS(32, u32)
#undef KCXX_PORT_ACCESSORS

private:
	u64 start_;
	u64 size_;
	u8 *cookie_ = nullptr;
	int error_ = 0;
};

} // namespace kcxx::io
