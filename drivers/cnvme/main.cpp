// SPDX-License-Identifier: GPL-2.0
//
// cnvme: an NVMe driver in C++ on kcxx's device model, for QEMU's
// -device nvme (1b36:0010) or any controller of the NVMe class, with
// Debian's C nvme driver as the oracle (issue 13).
//
// What it does so far (issue 13 has the rest: namespaces, blk-mq, I/O):
//  - resets the controller, checks its capabilities (the NVM command set,
//    4 KiB pages, the doorbells within BAR0), sets up the admin queue pair
//    in coherent DMA memory, enables it (controller.h);
//  - one interrupt vector for the admin queue and one per CPU for the I/O
//    queues (MSI-X; MSI or INTx if the controller has none), admin
//    commands completed by interrupt (admin_queue.h);
//  - identifies the controller and shows in sysfs what tools read: model,
//    serial, firmware_rev, byte for byte as the C driver's
//    /sys/class/nvme/nvmeN/ (admin_queue.h);
//  - creates an I/O queue pair per vector the controller grants, deletes
//    them at remove (io_queue.h);
//  - a disk per active namespace, /dev/cnvme<N>n<nsid> (namespace.h), on
//    one blk-mq tag set whose hardware queues are the I/O queues: read,
//    write (PRPs), flush, write zeroes, discard, by interrupt; a timeout
//    is aborted, then the controller reset and the lost requests sent
//    again (reset.h; also on NVME_IOCTL_RESET);
//  - /dev/cnvme-<pci name>: the admin passthrough ioctls nvme-cli uses,
//    validated (passthrough.h); the disks answer NVME_IOCTL_ID and admin
//    passthrough too;
//  - without nvme-core, /sys/class/nvme/nvme<N> and nvme-subsystem, its
//    disks then nvme<N>n<nsid>, for nvme-cli's nvme list (sysfs_class.h);
//  - shuts the controller down (CC.SHN) at remove.
// nvme.h holds the specification's layouts.
//
// The driver sees only safe kcxx types: the registers, the queues and the
// data buffer are Devres or coherent allocations; offsets are checked at
// compile time (doorbells, whose stride the controller gives, at run
// time); the interrupt handlers are const and reach shared state through
// atomics; user buffers only through UserSlice.
#include <kcxx/box.h>
#include <kcxx/dev_print.h>
#include <kcxx/miscdevice.h>
#include <kcxx/module_param.h>
#include <kcxx/pci/driver.h>
#include <kcxx/sysfs.h>
#include <kcxx/topology.h>

#include "admin_queue.h"
#include "controller.h"
#include "io_path.h"
#include "io_queue.h"
#include "namespace.h"
#include "params.h"
#include "passthrough.h"
#include "reset.h"
#include "sysfs_class.h"

namespace cnvme {

// Controller numbers for names (cnvme<N>n<nsid>, or nvme<N> with its
// disks nvme<N>n<nsid>): each binding takes the next.
inline kcxx::Atomic<u32> next_instance{0};

// A disk and its name (which the disk's lifetime needs: destroyed after it).
struct Disk {
	Box<kcxx::StringBuilder<32>> name;
	kcxx::block::GenDisk disk;
};


// The driver object of one bound controller.
class Cnvme {
	// sysfs: /sys/bus/pci/devices/<name>/model, serial, firmware_rev (as
	// /sys/class/nvme/nvmeN/ of the C driver), namespaces, admin_interrupts.
	Result<void> show_model(kcxx::sysfs::Buffer &out) const
	{
		out.emit<"%s\n">(identity_->model.as_cstr().c_str());
		return {};
	}
	Result<void> show_serial(kcxx::sysfs::Buffer &out) const
	{
		out.emit<"%s\n">(identity_->serial.as_cstr().c_str());
		return {};
	}
	Result<void> show_firmware_rev(kcxx::sysfs::Buffer &out) const
	{
		out.emit<"%s\n">(identity_->firmware.as_cstr().c_str());
		return {};
	}
	Result<void> show_namespaces(kcxx::sysfs::Buffer &out) const
	{
		out.emit<"%u\n">(identity_->namespaces);
		return {};
	}
	Result<void> show_io_queues(kcxx::sysfs::Buffer &out) const
	{
		out.emit<"%lu\n">(io_.size());
		return {};
	}
	Result<void> show_disks(kcxx::sysfs::Buffer &out) const
	{
		for (unsigned long i = 0; i < disks_.size(); ++i)
			out.emit<"%s%s">(i ? " " : "", disks_[i].name->as_cstr().c_str());
		out.emit<"\n">();
		return {};
	}
	Result<void> show_state(kcxx::sysfs::Buffer &out) const
	{
		const char *state = "live";
		if (block_ && (*block_)->path->is_dead())
			state = "dead";
		else if (block_ && (*block_)->path->is_resetting())
			state = "resetting";
		out.emit<"%s\n">(state);
		return {};
	}
	// Shadow doorbells in use ("on"), and the register writes of the I/O
	// queues' submission tails (with shadow doorbells: only those the
	// controller's event index asked for).
	Result<void> show_shadow_doorbells(kcxx::sysfs::Buffer &out) const
	{
		out.emit<"%s\n">(io_.size() && io_[0].queue->shadow_on.load() ? "on" : "off");
		return {};
	}
	// Commands whose data an SGL described (sgl_threshold).
	Result<void> show_sgl_commands(kcxx::sysfs::Buffer &out) const
	{
		u64 n = 0;
		for (unsigned long i = 0; i < io_.size(); ++i)
			n += io_[i].queue->sgl_commands.load();
		out.emit<"%llu\n">(n);
		return {};
	}
	// Commands whose data was one segment, mapped without a scatterlist
	// (MappedRequest's fast path, as the C driver's nvme_map_data()).
	Result<void> show_single_segment_commands(kcxx::sysfs::Buffer &out) const
	{
		u64 n = 0;
		for (unsigned long i = 0; i < io_.size(); ++i)
			n += io_[i].queue->submit.lock()->single_segment;
		out.emit<"%llu\n">(n);
		return {};
	}
	Result<void> show_sq_doorbell_writes(kcxx::sysfs::Buffer &out) const
	{
		u64 writes = 0;
		for (unsigned long i = 0; i < io_.size(); ++i)
			writes += io_[i].queue->sq_doorbell_writes.load();
		out.emit<"%llu\n">(writes);
		return {};
	}
	// Controller resets done (timeouts, NVME_IOCTL_RESET).
	Result<void> show_resets(kcxx::sysfs::Buffer &out) const
	{
		out.emit<"%llu\n">(block_ ? (*block_)->path->resets() : 0ull);
		return {};
	}
	Result<void> show_io_completions(kcxx::sysfs::Buffer &out) const
	{
		u64 done = 0, unknown = 0;
		for (unsigned long i = 0; i < io_.size(); ++i) {
			done += io_[i].queue->completions.load();
			unknown += io_[i].queue->unknown_completions.load();
		}
		out.emit<"%llu %llu\n">(done, unknown);
		return {};
	}
	Result<void> show_admin_interrupts(kcxx::sysfs::Buffer &out) const
	{
		out.emit<"%llu\n">(admin_->interrupts.load());
		return {};
	}

public:
	struct IdInfo {};
	static constexpr kcxx::pci::IdEntry<IdInfo> ids[] = {
		// PCI_CLASS_STORAGE_EXPRESS, programming interface 2 (NVMe).
		{kcxx::pci::DeviceId::with_class(0x010802, 0xffffff), {}},
	};
	static constexpr kcxx::ModuleInfo info{
		.name = "cnvme",
		.license = "GPL",
		.author = "The kcxx authors",
		.description = "NVMe driver in C++",
	};
	static constexpr kcxx::sysfs::Attribute<Cnvme> attributes[] = {
		{"model", &Cnvme::show_model},
		{"serial", &Cnvme::show_serial},
		{"firmware_rev", &Cnvme::show_firmware_rev},
		{"namespaces", &Cnvme::show_namespaces},
		{"admin_interrupts", &Cnvme::show_admin_interrupts},
		{"io_queues", &Cnvme::show_io_queues},
		{"disks", &Cnvme::show_disks},
		{"state", &Cnvme::show_state},
		{"io_completions", &Cnvme::show_io_completions},
		{"resets", &Cnvme::show_resets},
		{"shadow_doorbells", &Cnvme::show_shadow_doorbells},
		{"sq_doorbell_writes", &Cnvme::show_sq_doorbell_writes},
		{"sgl_commands", &Cnvme::show_sgl_commands},
		{"single_segment_commands", &Cnvme::show_single_segment_commands},
	};

	static Result<Box<Cnvme>> probe(const kcxx::pci::CoreDevice &pdev, const IdInfo &)
	{
		const kcxx::BoundDevice &dev = pdev.device();
		TRY(pdev.enable_mem());
		pdev.set_master();
		TRY(pdev.set_dma_mask<64>());
		// PRPs describe memory by pages: a segment of any length.
		TRY(pdev.set_dma_max_segment_size(0xffffffff));
		auto regs = TRY(Registers::map(pdev, 0, "cnvme"));
		const Registers *r = TRY(regs.access(dev));

		nvme::Capabilities cap{r->read64<nvme::reg::CAP>()};
		u32 version = r->read32<nvme::reg::VS>();
		if (!cap.nvm_command_set() || cap.min_page_shift() > 12 || cap.max_queue_entries() < 2) {
			dev_err(dev, "unsupported controller (CAP 0x%llx)\n", cap.raw);
			return ENODEV;
		}
		if (cap.max_queue_entries() < IO_DEPTH) {
			// (QEMU's take 2048; a shallower ring is not handled yet.)
			dev_err(dev, "I/O queues of %u entries at most, cnvme needs %u\n", cap.max_queue_entries(),
				IO_DEPTH);
			return ENODEV;
		}
		u32 stride = cap.doorbell_stride();
		if (nvme::reg::DOORBELLS + 2 * stride > r->mapped_size()) {
			dev_err(dev, "doorbell stride %u beyond BAR0\n", stride);
			return ENODEV;
		}
		TRY(disable(*r, cap));

		u32 depth = ADMIN_DEPTH <= cap.max_queue_entries() ? ADMIN_DEPTH : cap.max_queue_entries();
		if (depth != ADMIN_DEPTH)
			return ENODEV; // (QEMU offers 2048; a smaller one is not handled yet)
		auto sq = TRY(Devres<SubmissionRing>::try_new(dev, kcxx::GFP_KERNEL,
							    TRY(SubmissionRing::alloc(dev, depth, kcxx::GFP_KERNEL))));
		auto cq = TRY(Devres<CompletionRing>::try_new(dev, kcxx::GFP_KERNEL,
							    TRY(CompletionRing::alloc(dev, depth, kcxx::GFP_KERNEL))));
		auto data = TRY(Devres<DataBuffer>::try_new(dev, kcxx::GFP_KERNEL,
							  TRY(DataBuffer::alloc(dev, DATA_SIZE, kcxx::GFP_KERNEL))));
		r->write32<nvme::reg::AQA>(((depth - 1) << 16) | (depth - 1));
		r->write64<nvme::reg::ASQ>(TRY(sq.access(dev))->dma_address().value());
		r->write64<nvme::reg::ACQ>(TRY(cq.access(dev))->dma_address().value());

		using kcxx::pci::IrqTypes;
		// Vector 0 for the admin queue, one per CPU for the I/O queues
		// if the controller has that many (MSI-X); with one vector, one
		// I/O queue shares it.
		// The I/O queues' vectors spread over the CPUs (each CPU
		// submits to the queue it takes the interrupts of: blk-mq's
		// map follows the spread, IoPath::first_queue_vector).
		unsigned int queues = kcxx::nr_cpu_ids();
		if (io_queues.get() && io_queues.get() < queues)
			queues = io_queues.get();
		unsigned int vectors = TRY(pdev.alloc_irq_vectors_spread(
			1, 1 + queues, IrqTypes::msix | IrqTypes::msi | IrqTypes::intx, 1));
		auto admin = TRY(Arc<AdminQueue>::try_new(kcxx::GFP_KERNEL, std::move(regs), std::move(sq),
							  std::move(cq), std::move(data), stride));
		auto name = TRY(Box<kcxx::StringBuilder<32>>::try_new(kcxx::GFP_KERNEL));
		TRY(name->append("cnvme-"));
		TRY(name->append(dev.name()));
		TRY(name->append("q0"));
		auto irq = TRY(kcxx::irq::Registration<AdminHandler>::try_new(
			TRY(pdev.irq_request(0)), kcxx::irq::Flags::shared, name->as_cstr().c_str(), kcxx::GFP_KERNEL,
			AdminHandler{admin.clone()}));

		TRY(enable(*r, cap));
		// 'admin' stays here until the end: 'r' points into its
		// registers, which live as long as a handle to them does.
		Result<Box<Cnvme>> controller = finish_probe(pdev, admin.clone(), std::move(name), std::move(irq), cap,
							     version, vectors);
		if (controller.is_error())
			// The controller may still write the queues and the
			// data buffer: stop it before they go.
			(void)disable(*r, cap);
		return controller;
	}

	// With the controller enabled: identify it, then make its character
	// device (last: user space reaches an identified controller only).
	static Result<Box<Cnvme>> finish_probe(const kcxx::pci::CoreDevice &pdev, Arc<AdminQueue> admin,
					       Box<kcxx::StringBuilder<32>> irq_name,
					       kcxx::irq::Registration<AdminHandler> irq, nvme::Capabilities cap,
					       u32 version, unsigned int vectors)
	{
		const kcxx::BoundDevice &dev = pdev.device();
		auto identity = TRY(identify(dev, *admin));
		auto io = TRY(create_io_queues(pdev, admin, cap.doorbell_stride(), vectors,
					       identity->doorbell_buffer && shadow_doorbells.get()));
		auto reset = TRY(Arc<Reset>::try_new(kcxx::GFP_KERNEL));
		DetachOnError detach_on_error{*reset};
		kcxx::Option<Arc<BlockCore>> block;
		kcxx::Option<Box<SysfsPresence>> sysfs;
		kcxx::Vec<Disk> disks;
		// Controller numbers for the names: cnvme<N>n<nsid>, or with the
		// classes nvme<N> and its disks nvme<N>n<nsid>.
		const u32 instance = next_instance.fetch_add(1);
		if (io.size()) {
			auto queues = TRY(kcxx::Vec<Arc<IoQueue>>::try_with_capacity(io.size(), kcxx::GFP_KERNEL));
			auto interrupts = TRY(
				kcxx::Vec<kcxx::irq::Synchronizer>::try_with_capacity(io.size() + 1, kcxx::GFP_KERNEL));
			TRY(interrupts.try_push(irq.synchronizer(), kcxx::GFP_KERNEL));
			for (unsigned long i = 0; i < io.size(); ++i) {
				TRY(queues.try_push(io[i].queue.clone(), kcxx::GFP_KERNEL));
				TRY(interrupts.try_push(io[i].irq.synchronizer(), kcxx::GFP_KERNEL));
			}
			auto io_path = TRY(Box<IoPath>::try_new(kcxx::GFP_KERNEL, kcxx::DeviceRef(dev), admin.clone(),
								std::move(queues), vectors < 2, identity->sgls,
								reset.clone(),
								std::move(interrupts)));
			auto tags = TRY(mq::TagSet<IoPath>::try_new(
				kcxx::GFP_KERNEL,
				{.nr_hw_queues = static_cast<unsigned int>(io.size()),
				 .queue_depth = IO_DEPTH - 1,
				 .timeout_jiffies = static_cast<unsigned int>(kcxx::Jiffies::from_secs(io_timeout.get()).raw())},
				*io_path));
			auto core = TRY(Arc<BlockCore>::try_new(kcxx::GFP_KERNEL, std::move(io_path), std::move(tags)));
			block.emplace(core.clone());
			// Before the disks: their partition scan may time out.
			reset->attach(std::move(core));
		} else {
			dev_warn(dev, "no I/O queues (the controller granted none): no disks\n");
		}
		// In /sys/class/nvme before the disks, which are its children.
		if (sysfs_classes) {
			kcxx::Option<Arc<BlockCore>> state;
			if (block)
				state.emplace((*block).clone());
			auto info = TRY(Arc<ControllerInfo>::try_new(kcxx::GFP_KERNEL, *identity, dev.name(),
								     dev.numa_node(),
								     static_cast<u32>(io.size() + 1), std::move(state)));
			sysfs.emplace(TRY(SysfsPresence::try_new(*sysfs_classes, dev, instance, std::move(info))));
		}
		if (block) {
			const kcxx::Device *parent = sysfs ? &(*sysfs)->controller.device() : nullptr;
			disks = TRY(make_disks(dev, admin, *identity, *(*block)->tags, instance, parent));
		}
		auto file_name = TRY(Box<kcxx::StringBuilder<32>>::try_new(kcxx::GFP_KERNEL));
		TRY(file_name->append("cnvme-"));
		TRY(file_name->append(dev.name()));
		auto misc = TRY(kcxx::miscdevice::Registration<ControllerFile>::try_new(
			kcxx::GFP_KERNEL, {.name = file_name->as_cstr().c_str(), .mode = 0600},
			ControllerShared{admin.clone(), reset.clone()}));
		dev_info(dev, "NVMe %u.%u controller identified, %u namespace(s) at most, %lu disk(s), %lu I/O queue(s), /dev/%s\n",
			 version >> 16, (version >> 8) & 0xff, identity->namespaces, disks.size(), io.size(),
			 file_name->as_cstr().c_str());
		auto controller = TRY(Box<Cnvme>::try_new(kcxx::GFP_KERNEL, std::move(admin), std::move(irq_name),
							  std::move(irq), cap, std::move(identity), std::move(io),
							  reset.clone(), std::move(block), std::move(sysfs),
							  std::move(disks), std::move(file_name), std::move(misc)));
		detach_on_error.armed = false;
		return controller;
	}

	// A disk per namespace the driver can serve, with the controller's
	// limits: MDTS, optional commands, its write cache; its ioctls
	// (namespace ID, admin passthrough) through the admin queue.  With a
	// 'parent' (the controller's nvme<N> in /sys/class/nvme), named
	// nvme<N>n<nsid> in its directory, as nvme-cli expects.
	static Result<kcxx::Vec<Disk>> make_disks(const kcxx::BoundDevice &dev, const Arc<AdminQueue> &admin,
						  const Identity &identity, const mq::TagSet<IoPath> &tags,
						  u32 instance, const kcxx::Device *parent)
	{
		auto namespaces = TRY(identify_namespaces(dev, *admin));
		u32 max_bytes = MAX_TRANSFER_BYTES;
		if (identity.max_transfer_shift && identity.max_transfer_shift < 20 &&
		    (nvme::PAGE_SIZE << identity.max_transfer_shift) < max_bytes)
			max_bytes = nvme::PAGE_SIZE << identity.max_transfer_shift;
		auto disks = TRY(kcxx::Vec<Disk>::try_with_capacity(namespaces.size() ? namespaces.size() : 1,
								    kcxx::GFP_KERNEL));
		for (unsigned long i = 0; i < namespaces.size(); ++i) {
			const NamespaceInfo &ns = namespaces[i];
			auto name = TRY(Box<kcxx::StringBuilder<32>>::try_new(kcxx::GFP_KERNEL));
			if (parent)
				TRY(name->appendf<"nvme%un%u">(instance, ns.id));
			else
				TRY(name->appendf<"cnvme%un%u">(instance, ns.id));
			const u32 block = 1u << ns.lba_shift;
			kcxx::block::GenDiskBuilder builder;
			builder.capacity_sectors(ns.blocks << (ns.lba_shift - 9))
				.logical_block_size(block)
				.physical_block_size(block)
				.rotational(false)
				.max_hw_sectors(max_bytes >> 9)
				.max_segments(IoPath::dma_segments)
				.virt_boundary_mask(nvme::PAGE_SIZE - 1)
				.dma_alignment(3)
				.write_cache(identity.volatile_write_cache, true);
			if (identity.optional_commands & nvme::ONCS_DSM)
				builder.max_discard_sectors(1u << 22);
			if (identity.optional_commands & nvme::ONCS_WRITE_ZEROES)
				builder.max_write_zeroes_sectors(0x10000u << (ns.lba_shift - 9));
			if (parent)
				builder.parent(*parent);
			auto data = TRY(Box<NamespaceInfo>::try_new(kcxx::GFP_KERNEL, ns));
			auto ioctls = TRY(Arc<NamespaceIoctls>::try_new(kcxx::GFP_KERNEL, admin.clone(), ns.id));
			auto disk = TRY(builder.build(name->as_cstr(), tags, std::move(data), std::move(ioctls)));
			TRY(disks.try_push(Disk{std::move(name), std::move(disk)}, kcxx::GFP_KERNEL));
		}
		return disks;
	}

	Cnvme(Arc<AdminQueue> admin, Box<kcxx::StringBuilder<32>> irq_name,
	      kcxx::irq::Registration<AdminHandler> irq, nvme::Capabilities cap, Box<Identity> identity,
	      kcxx::Vec<IoQueuePair> io, Arc<Reset> reset, kcxx::Option<Arc<BlockCore>> block,
	      kcxx::Option<Box<SysfsPresence>> sysfs, kcxx::Vec<Disk> disks, Box<kcxx::StringBuilder<32>> file_name,
	      Box<kcxx::miscdevice::Registration<ControllerFile>> misc)
		: admin_(std::move(admin)), irq_name_(std::move(irq_name)), irq_(std::move(irq)), cap_(cap),
		  identity_(std::move(identity)), io_(std::move(io)), reset_(std::move(reset)), block_(std::move(block)),
		  sysfs_(std::move(sysfs)), disks_(std::move(disks)), file_name_(std::move(file_name)),
		  misc_(std::move(misc))
	{
	}

	// remove: a normal shutdown (CC.SHN), so that the controller has
	// flushed what it cached; then unbind frees the vectors, the queues
	// and the registers.
	~Cnvme()
	{
		// A controller that is gone completes nothing: fail what it
		// holds, so that deleting the disks does not wait for it.  One
		// given up (gone, or an I/O timed out) is disabled already:
		// nothing to delete or shut down.
		// No reset from here on (a running one ends first).
		reset_->detach();
		bool given_up = false;
		if (block_) {
			const IoPath &path = *(*block_)->path;
			bool gone = true;
			if (auto regs = admin_->regs.try_access())
				gone = (*regs)->read32<nvme::reg::CSTS>() == REMOVED;
			// A reset cancelled before it ran leaves the
			// controller as the timeout found it: given up too.
			if (gone || path.is_resetting())
				path.give_up();
			given_up = path.is_dead();
			// The disks first: their last I/O (a flush of the
			// write cache) still needs the queues.
			disks_.truncate(0);
		}
		{
			// The I/O queues go first (submission before completion
			// queue, 5.7); then no new command from an open file (one
			// in flight has finished: the lock).
			auto state = admin_->submit.lock();
			if (!given_up)
				(void)delete_io_queues(state, *admin_, io_);
			state->gone = true;
		}
		auto guard = admin_->regs.try_access();
		if (!guard || given_up)
			return;
		const Registers &r = **guard;
		r.write32<nvme::reg::CC>((r.read32<nvme::reg::CC>() & ~nvme::CC_SHN_MASK) | nvme::CC_SHN_NORMAL);
		Result<u32> shst = kcxx::io::read_poll_timeout(
			[&] { return r.read32<nvme::reg::CSTS>(); },
			[](u32 s) { return s == REMOVED || (s & nvme::CSTS_SHST_MASK) == nvme::CSTS_SHST_COMPLETE; }, 100,
			kcxx::Jiffies::from_secs(SHUTDOWN_TIMEOUT_S));
		if (shst.is_error())
			pr_warn("cnvme: the controller did not complete its shutdown\n");
		if (shst.is_ok() && shst.value() == REMOVED)
			return; // surprise removal: nothing to shut down
		(void)disable(r, cap_);
	}

private:
	Arc<AdminQueue> admin_;
	Box<kcxx::StringBuilder<32>> irq_name_; // the IRQ's name: destroyed after irq_
	kcxx::irq::Registration<AdminHandler> irq_;
	nvme::Capabilities cap_;
	Box<Identity> identity_;
	kcxx::Vec<IoQueuePair> io_;
	Arc<Reset> reset_;
	kcxx::Option<Arc<BlockCore>> block_;
	kcxx::Option<Box<SysfsPresence>> sysfs_; // /sys/class/nvme: after the disks (its children)
	kcxx::Vec<Disk> disks_; // emptied first at remove
	Box<kcxx::StringBuilder<32>> file_name_; // the device's name: destroyed after misc_
	Box<kcxx::miscdevice::Registration<ControllerFile>> misc_; // destroyed first
};

} // namespace cnvme

using cnvme::Cnvme;
KCXX_PCI_DEVICE_TABLE(Cnvme);

namespace cnvme {

// The module: the classes of sysfs_class.h if they are free, then the PCI
// driver; at unload the driver first (every controller removed), then the
// classes.
class CnvmeModule {
public:
	static constexpr kcxx::ModuleInfo info = Cnvme::info;

	static Result<CnvmeModule> init()
	{
		kcxx::Option<Box<SysfsClasses>> classes;
		if (!nvme_class.get()) {
			pr_info("cnvme: nvme_class=0: not in /sys/class/nvme (nvme list)\n");
		} else if (kcxx::DeviceClass::name_taken("nvme") || kcxx::DeviceClass::name_taken("nvme-subsystem")) {
			pr_info("cnvme: /sys/class/nvme is taken (nvme-core): controllers not in it (nvme list)\n");
		} else {
			auto nvme = TRY(kcxx::DeviceClass::try_new("nvme"));
			auto subsystem = TRY(kcxx::DeviceClass::try_new("nvme-subsystem"));
			classes.emplace(TRY(Box<SysfsClasses>::try_new(kcxx::GFP_KERNEL, std::move(nvme),
								       std::move(subsystem))));
			sysfs_classes = &**classes;
		}
		auto registration = kcxx::pci::Registration<Cnvme>::try_new(kcxx::GFP_KERNEL);
		if (registration.is_error()) {
			sysfs_classes = nullptr;
			return registration.error();
		}
		return CnvmeModule(std::move(classes), std::move(registration).value());
	}

	CnvmeModule(CnvmeModule &&) = default;
	~CnvmeModule()
	{
		// The driver first: no probe runs after this.
		{
			auto registration = std::move(registration_);
		}
		// (A moved-from module's Box is empty: only the one that
		// holds the classes clears the pointer.)
		if (classes_ && !classes_.value().is_empty())
			sysfs_classes = nullptr;
	}

private:
	CnvmeModule(kcxx::Option<Box<SysfsClasses>> classes, Box<kcxx::pci::Registration<Cnvme>> registration)
		: classes_(std::move(classes)), registration_(std::move(registration))
	{
	}
	kcxx::Option<Box<SysfsClasses>> classes_; // destroyed last
	Box<kcxx::pci::Registration<Cnvme>> registration_;
};

} // namespace cnvme

using cnvme::CnvmeModule;
KCXX_MODULE(CnvmeModule);
