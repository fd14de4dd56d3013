// SPDX-License-Identifier: GPL-2.0
/// \file
/// kcxx::pci::Bar<SIZE>: a PCI memory BAR, requested and mapped, as an MMIO
/// window of SIZE bytes (Rust's pci::Bar<SIZE>).
///
///     auto regs = TRY(kcxx::pci::Bar<0x100>::map(pdev, 0, "kcxx_edu"));  // Devres<Bar<0x100>>
///     auto guard = regs.try_access();            // later, anywhere
///     if (!guard) return kcxx::code::ENODEV;
///     (*guard)->write32<0x04>(value);           // a Bar is an Mmio<0x100>: offsets checked
///
/// map() returns the Bar inside a Devres: the only way to reach the
/// registers is a guard (or a bound-device proof), so no access can happen
/// after unbind, when the mapping and the region are released.  A Bar
/// cannot be built or moved out any other way.
///
/// -EINVAL for an index that is not a memory BAR, or a BAR smaller than
/// SIZE; -EBUSY if another driver holds the region; -ENOMEM.
///
/// INVARIANT: if error_ is 0, region index_ of pdev_ is requested by this
/// object and mmio_ maps all of it, until destruction.
#pragma once

#include <kcxx/bindings.h>
#include <kcxx/devres.h>
#include <kcxx/error.h>
#include <kcxx/gfp.h>
#include <kcxx/io/mmio.h>
#include <kcxx/pci/device.h>
#include <kcxx/result.h>

namespace kcxx::pci {

/// A requested and mapped PCI memory BAR, an MMIO window of SIZE bytes,
/// reachable only inside a Devres (see kcxx/pci/bar.h).
template <unsigned long SIZE> class Bar : public io::Mmio<SIZE> {
	/// explicit: '{}' cannot stand for a Token outside Bar, so no one
	/// else can call the constructor (a Bar outside a Devres).
	struct Token {
		explicit Token() = default;
	};

public:
	/// Requests and maps BAR 'index' of a bound device.  EINVAL if it is not a
	/// memory BAR or is smaller than SIZE, EBUSY if another driver holds the
	/// region, ENOMEM.
	[[nodiscard]] static Result<Devres<Bar>> map(const CoreDevice &dev, int index, const char *name,
						     Gfp gfp = GFP_KERNEL)
	{
		auto bar = TRY(Devres<Bar>::try_new(dev.device(), gfp, Token{}, dev.as_raw(), index, name));
		const Bar *mapped = TRY(bar.access(dev.device()));
		if (mapped->error_)
			return Error::from_errno(mapped->error_);
		return bar;
	}

	/// Built in place by map() only (Token is private); does the request
	/// and the mapping, and records their error.
	Bar(Token, bindings::pci_dev *pdev, int index, const char *name) : pdev_(pdev), index_(index)
	{
		// SAFETY: inside probe (map() takes a CoreDevice); the
		// helpers range-check the index.
		unsigned long long len = bindings::kcxx_helper_pci_resource_len(pdev, index);
		unsigned long flags = bindings::kcxx_helper_pci_resource_flags(pdev, index);
		if (!(flags & KCXX_IORESOURCE_MEM) || len < SIZE) {
			error_ = code::EINVAL.to_errno();
			return;
		}
		// SAFETY: as above; released by the destructor.
		if (int err = bindings::pci_request_region(pdev, index, name)) {
			error_ = err;
			return;
		}
		// SAFETY: the region is ours; unmapped by the destructor.
		void *base = bindings::pci_iomap(pdev, index, 0);
		if (!base) {
			bindings::pci_release_region(pdev, index);
			error_ = code::ENOMEM.to_errno();
			return;
		}
		this->set_mapping(base, static_cast<unsigned long>(len));
		error_ = 0;
	}

	Bar(const Bar &) = delete;
	Bar &operator=(const Bar &) = delete;

	~Bar()
	{
		if (error_)
			return;
		// SAFETY: mapped and requested by the constructor (INVARIANT);
		// nothing reaches the window any more (Devres revoked us).
		bindings::pci_iounmap(pdev_, base());
		bindings::pci_release_region(pdev_, index_);
	}

	/// The BAR's number (0-5), as given to map().
	[[nodiscard]] int index() const { return index_; }

private:
	void *base() const { return this->base_for_owner(); }

	bindings::pci_dev *pdev_;
	int index_;
	int error_ = 0;
};

} // namespace kcxx::pci
