// SPDX-License-Identifier: GPL-2.0
/// \file
/// kcxx::pci::Device, BoundDevice, CoreDevice: a struct pci_dev as a C++
/// reference, with the same proofs as kcxx::Device (device.h): any device;
/// bound to a driver; inside probe/remove (Rust's pci::Device<Ctx>).
///
///     Device       identification (vendor, device, class, revision), config
///                  space reads.
///     BoundDevice  + interrupt vectors' Linux IRQ numbers (irq_request()),
///                  config space writes.
///     CoreDevice   + enable(), enable_mem(), set_master(), set_dma_mask(),
///                  Bar::map(), alloc_irq_vectors(): what a driver does
///                  once, in probe.
///
/// Everything enabled or allocated here is undone at unbind by devres
/// actions, in reverse order, after remove() has run: the driver never
/// disables or frees any of it itself, and cannot forget to.
///
/// INVARIANT: as kcxx::Device, BoundDevice, CoreDevice, for the struct
/// pci_dev at this address (its struct device at KCXX_OFFSETOF_pci_dev_dev).
#pragma once

#include <kcxx/bindings.h>
#include <kcxx/device.h>
#include <kcxx/error.h>
#include <kcxx/result.h>
#include <kcxx/types.h>

namespace kcxx::irq {
class Request;
}

namespace kcxx::pci {

namespace detail {
struct Access;
}

/// Which interrupt kinds alloc_irq_vectors() may use (PCI_IRQ_*).
enum class IrqTypes : unsigned int {
	intx = KCXX_PCI_IRQ_INTX,
	msi = KCXX_PCI_IRQ_MSI,
	msix = KCXX_PCI_IRQ_MSIX,
};
/// Both kinds.
constexpr IrqTypes operator|(IrqTypes a, IrqTypes b)
{
	return static_cast<IrqTypes>(static_cast<unsigned int>(a) | static_cast<unsigned int>(b));
}

/// A struct pci_dev that someone else owns, as a C++ reference: any PCI
/// device, bound to a driver or not (see kcxx/pci/device.h).
class Device {
public:
	Device() = delete;
	Device(const Device &) = delete;
	Device &operator=(const Device &) = delete;

	/// The vendor ID (config space 0x00).
	[[nodiscard]] u16 vendor_id() const { return field<u16>(KCXX_OFFSETOF_pci_dev_vendor); }
	/// The device ID (0x02).
	[[nodiscard]] u16 device_id() const { return field<u16>(KCXX_OFFSETOF_pci_dev_device); }
	/// The subsystem vendor ID (0x2c).
	[[nodiscard]] u16 subsystem_vendor_id() const { return field<u16>(KCXX_OFFSETOF_pci_dev_subsystem_vendor); }
	/// The subsystem ID (0x2e).
	[[nodiscard]] u16 subsystem_device_id() const { return field<u16>(KCXX_OFFSETOF_pci_dev_subsystem_device); }
	/// The 24-bit class code: base class, subclass, programming interface.
	[[nodiscard]] u32 class_code() const { return field<u32>(KCXX_OFFSETOF_pci_dev_class); }
	/// The revision ID (0x08).
	[[nodiscard]] u8 revision() const { return field<u8>(KCXX_OFFSETOF_pci_dev_revision); }

	/// The generic device (its name, logging with dev_info()).
	[[nodiscard]] const kcxx::Device &device() const { return kcxx::Device::from_raw(dev()); }

	/// @{
	/// Config space reads; -EINVAL (PCIBIOS errors become errnos) for an
	/// offset the bus rejects.
	[[nodiscard]] Result<u8> read_config8(int offset) const;
	[[nodiscard]] Result<u16> read_config16(int offset) const;
	[[nodiscard]] Result<u32> read_config32(int offset) const;
	/// @}

	/// The struct pci_dev, for framework code.
	[[nodiscard]] bindings::pci_dev *as_raw() const
	{
		return reinterpret_cast<bindings::pci_dev *>(const_cast<Device *>(this));
	}

protected:
	/// A field of the struct pci_dev at 'offset' (bindings/layout.c).
	template <typename U> U field(unsigned long offset) const
	{
		// SAFETY: a live struct pci_dev (INVARIANT); the offsets are
		// the C compiler's for these fields, of these types.
		return *reinterpret_cast<const U *>(reinterpret_cast<const char *>(this) + offset);
	}
	/// The struct device inside the pci_dev.
	bindings::device *dev() const
	{
		// SAFETY: &pdev->dev, the struct device embedded in the pci_dev.
		return reinterpret_cast<bindings::device *>(reinterpret_cast<char *>(as_raw()) +
							   KCXX_OFFSETOF_pci_dev_dev);
	}
};

/// A PCI device bound to a driver: what only a bound device allows (its
/// interrupt vectors, config space writes).
class BoundDevice : public Device {
public:
	BoundDevice() = delete;
	BoundDevice(const BoundDevice &) = delete;
	BoundDevice &operator=(const BoundDevice &) = delete;

	/// The device as a bound kcxx device.
	[[nodiscard]] const kcxx::BoundDevice &device() const
	{
		return kcxx::detail::DeviceContextAccess::bound(dev());
	}

	/// The Linux IRQ of vector 'index' of those alloc_irq_vectors()
	/// allocated, to register a handler on (irq/registration.h).
	/// -EINVAL for an index that was not allocated.
	[[nodiscard]] Result<irq::Request> irq_request(unsigned int index) const;

	/// @{
	/// Config space writes; -EINVAL (PCIBIOS errors become errnos) for an
	/// offset the bus rejects.
	[[nodiscard]] Result<void> write_config8(int offset, u8 value) const;
	[[nodiscard]] Result<void> write_config16(int offset, u16 value) const;
	[[nodiscard]] Result<void> write_config32(int offset, u32 value) const;
	/// @}

private:
	friend struct detail::Access;
};

/// A PCI device inside its driver's probe or remove: what only then is
/// allowed (enable, bus mastering, DMA mask, BARs, interrupt vectors).
class CoreDevice : public BoundDevice {
public:
	CoreDevice() = delete;
	CoreDevice(const CoreDevice &) = delete;
	CoreDevice &operator=(const CoreDevice &) = delete;

	/// The device as a kcxx device in probe or remove.
	[[nodiscard]] const kcxx::CoreDevice &device() const { return kcxx::detail::DeviceContextAccess::core(dev()); }

	/// pci_enable_device(); disabled again at unbind.
	[[nodiscard]] Result<void> enable() const;
	/// pci_enable_device_mem(): memory BARs only (Rust's
	/// enable_device_mem()); disabled again at unbind.
	[[nodiscard]] Result<void> enable_mem() const;
	/// pci_set_master(): the device may now do DMA (enable() first; the
	/// unbind's pci_disable_device() clears it).
	void set_master() const;
	/// dma_set_mask_and_coherent(DMA_BIT_MASK(BITS)): the addresses the
	/// device can reach; -EIO if the platform cannot honour it.
	template <unsigned int BITS> [[nodiscard]] Result<void> set_dma_mask() const
	{
		static_assert(BITS >= 24 && BITS <= 64, "kcxx: a DMA mask of 24 to 64 bits");
		return set_dma_mask_bits(BITS);
	}
	/// The longest DMA segment the device takes (dma_set_max_seg_size();
	/// the default is 64 KiB): a device that describes memory by pages
	/// (NVMe's PRPs) has no limit of its own.
	[[nodiscard]] Result<void> set_dma_max_segment_size(u32 bytes) const
	{
		// SAFETY: inside probe, before any DMA mapping of this device.
		if (int err = bindings::kcxx_helper_dma_set_max_seg_size(dev(), bytes))
			return Error::from_errno(err);
		return {};
	}
	/// pci_alloc_irq_vectors(): between min and max vectors of the allowed
	/// kinds; returns how many it got.  Freed at unbind (after remove()
	/// has freed the handlers on them).
	[[nodiscard]] Result<unsigned int> alloc_irq_vectors(unsigned int min, unsigned int max, IrqTypes types) const;
	/// The same, with the vectors after the first 'reserved' spread over
	/// the CPUs (each its own CPUs' interrupt: per-CPU queues, as blk-mq's
	/// TagSet with D::first_queue_vector maps them).
	[[nodiscard]] Result<unsigned int> alloc_irq_vectors_spread(unsigned int min, unsigned int max, IrqTypes types,
								  unsigned int reserved) const;

private:
	friend struct detail::Access;
	Result<void> set_dma_mask_bits(unsigned int bits) const;
};

namespace detail {

/// For bus code (pci/driver.h) only: references with proofs.
struct Access {
	static CoreDevice &core(bindings::pci_dev *pdev) { return *reinterpret_cast<CoreDevice *>(pdev); }
	static bindings::device *device_of(bindings::pci_dev *pdev)
	{
		// SAFETY: &pdev->dev.
		return reinterpret_cast<bindings::device *>(reinterpret_cast<char *>(pdev) +
							   KCXX_OFFSETOF_pci_dev_dev);
	}
	/// to_pci_dev(): only for the struct device of a PCI device, bound
	/// to the caller's driver.
	static const BoundDevice &bound_of(bindings::device *dev)
	{
		// SAFETY: container_of(dev, struct pci_dev, dev), by the
		// caller's contract.
		return *reinterpret_cast<const BoundDevice *>(reinterpret_cast<char *>(dev) -
							      KCXX_OFFSETOF_pci_dev_dev);
	}
};

/// PCIBIOS_* (positive) to errno, as pcibios_err_to_errno().
inline Error config_error(int err)
{
	switch (err) {
	case 0x81: // PCIBIOS_FUNC_NOT_SUPPORTED
		return code::ENOENT;
	case 0x83: // PCIBIOS_BAD_VENDOR_ID
	case 0x86: // PCIBIOS_DEVICE_NOT_FOUND
		return code::ENODEV;
	case 0x87: // PCIBIOS_BAD_REGISTER_NUMBER
		return code::EFAULT;
	case 0x89: // PCIBIOS_SET_FAILED
		return code::EIO;
	case 0x8a: // PCIBIOS_BUFFER_TOO_SMALL
		return code::ENOSPC;
	default:
		return err < 0 ? Error::from_errno(err) : code::ERANGE;
	}
}

inline void disable_action(void *pdev)
{
	// SAFETY: registered by enable() or enable_mem() after
	// pci_enable_device() or pci_enable_device_mem() succeeded on this
	// pci_dev; runs once, at unbind.
	bindings::pci_disable_device(static_cast<bindings::pci_dev *>(pdev));
}

inline void free_irq_vectors_action(void *pdev)
{
	// SAFETY: registered by alloc_irq_vectors() after vectors were
	// allocated; runs at unbind after the handlers (registered later,
	// released earlier) are freed.
	bindings::pci_free_irq_vectors(static_cast<bindings::pci_dev *>(pdev));
}

} // namespace detail

inline Result<u8> Device::read_config8(int offset) const
{
	unsigned char value;
	// SAFETY: a live pci_dev; the bus checks the offset.
	if (int err = bindings::pci_read_config_byte(as_raw(), offset, &value))
		return detail::config_error(err);
	return value;
}

inline Result<u16> Device::read_config16(int offset) const
{
	unsigned short value;
	// SAFETY: as read_config8().
	if (int err = bindings::pci_read_config_word(as_raw(), offset, &value))
		return detail::config_error(err);
	return value;
}

inline Result<u32> Device::read_config32(int offset) const
{
	unsigned int value;
	// SAFETY: as read_config8().
	if (int err = bindings::pci_read_config_dword(as_raw(), offset, &value))
		return detail::config_error(err);
	return value;
}

inline Result<void> BoundDevice::write_config8(int offset, u8 value) const
{
	// SAFETY: a bound pci_dev; the bus checks the offset.
	if (int err = bindings::pci_write_config_byte(as_raw(), offset, value))
		return detail::config_error(err);
	return {};
}

inline Result<void> BoundDevice::write_config16(int offset, u16 value) const
{
	// SAFETY: as write_config8().
	if (int err = bindings::pci_write_config_word(as_raw(), offset, value))
		return detail::config_error(err);
	return {};
}

inline Result<void> BoundDevice::write_config32(int offset, u32 value) const
{
	// SAFETY: as write_config8().
	if (int err = bindings::pci_write_config_dword(as_raw(), offset, value))
		return detail::config_error(err);
	return {};
}

inline Result<void> CoreDevice::enable() const
{
	// SAFETY: inside probe (CoreDevice), device lock held.
	if (int err = bindings::pci_enable_device(as_raw()))
		return Error::from_errno(err);
	// SAFETY: a bound device; the action disables what we enabled.
	if (int err = bindings::kcxx_helper_devm_add_action(dev(), &detail::disable_action, as_raw())) {
		bindings::pci_disable_device(as_raw());
		return Error::from_errno(err);
	}
	return {};
}

inline Result<void> CoreDevice::enable_mem() const
{
	// SAFETY: inside probe (CoreDevice), device lock held.
	if (int err = bindings::pci_enable_device_mem(as_raw()))
		return Error::from_errno(err);
	// SAFETY: a bound device; pci_disable_device() undoes
	// pci_enable_device_mem() too (one enable count).
	if (int err = bindings::kcxx_helper_devm_add_action(dev(), &detail::disable_action, as_raw())) {
		bindings::pci_disable_device(as_raw());
		return Error::from_errno(err);
	}
	return {};
}

inline void CoreDevice::set_master() const
{
	// SAFETY: inside probe, on an enabled device.
	bindings::pci_set_master(as_raw());
}

inline Result<void> CoreDevice::set_dma_mask_bits(unsigned int bits) const
{
	unsigned long long mask = bits == 64 ? ~0ULL : (1ULL << bits) - 1;
	// SAFETY: inside probe, before any DMA mapping of this device.
	if (int err = bindings::dma_set_mask(dev(), mask))
		return Error::from_errno(err);
	if (int err = bindings::dma_set_coherent_mask(dev(), mask))
		return Error::from_errno(err);
	return {};
}

inline Result<unsigned int> CoreDevice::alloc_irq_vectors(unsigned int min, unsigned int max, IrqTypes types) const
{
	return alloc_irq_vectors_spread(min, max, types, ~0u);
}

/// reserved == ~0u: no spreading (no affinity descriptor).
inline Result<unsigned int> CoreDevice::alloc_irq_vectors_spread(unsigned int min, unsigned int max, IrqTypes types,
								  unsigned int reserved) const
{
	if (min == 0 || min > max)
		return code::EINVAL;
	// SAFETY: inside probe; the helper builds the affinity descriptor.
	int got = reserved == ~0u ? bindings::pci_alloc_irq_vectors_affinity(as_raw(), min, max,
									       static_cast<unsigned int>(types), nullptr)
				  : bindings::kcxx_helper_pci_alloc_irq_vectors_spread(
					    as_raw(), min, max, static_cast<unsigned int>(types), reserved);
	if (got < 0)
		return Error::from_errno(got);
	// SAFETY: a bound device; the action frees what we allocated.
	if (int err = bindings::kcxx_helper_devm_add_action(dev(), &detail::free_irq_vectors_action, as_raw())) {
		bindings::pci_free_irq_vectors(as_raw());
		return Error::from_errno(err);
	}
	return static_cast<unsigned int>(got);
}

} // namespace kcxx::pci
