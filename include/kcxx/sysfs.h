// SPDX-License-Identifier: GPL-2.0
/// \file
/// Read-only sysfs attributes of a driver's devices
/// (/sys/bus/\<bus\>/devices/\<name\>/\<attribute\>), as member functions of the
/// driver type, bound at compile time.
///
///     class MyDriver {
///         kcxx::Result<void> show_card_id(kcxx::sysfs::Buffer &out) const
///         {
///             out.emit<"0x%08x\n">(card_id_);    // format checked at compile time
///             return {};
///         }
///     public:
///         static constexpr kcxx::sysfs::Attribute<MyDriver> attributes[] = {
///             {"card_id", &MyDriver::show_card_id},
///         };
///     };
///
/// The bus (pci/driver.h, platform/driver.h, through driver/attributes.h)
/// hands them to the driver core as the driver's
/// dev_groups: they appear after probe succeeded and are removed before
/// remove() runs (kernfs waits for a show() in progress), so show() always
/// sees a live driver object.  show() is const (reads may run concurrently
/// with everything else) and writes at most a page (sysfs_emit()).
///
/// INVARIANT (Buffer): page_ is sysfs's PAGE_SIZE show buffer and length_
/// the bytes written to it so far.
#pragma once

#include <kcxx/bindings.h>
#include <kcxx/format.h>
#include <kcxx/print.h>
#include <kcxx/result.h>

namespace kcxx::sysfs {

/// The page a show() function writes its text into; never overflows it.
class Buffer {
public:
	/// Appends formatted text (truncated at the end of the page, as
	/// sysfs_emit_at()).
	template <format::Literal Format, typename... Args> void emit(Args... args)
	{
		constexpr format::Verdict verdict = format::check<Args...>(Format.chars);
		static_assert(kcxx::detail::PrintkFormatCheck<verdict.problem, verdict.argument>::ok);
		if (length_ >= KCXX_PAGE_SIZE - 1)
			return;
		// SAFETY: the format was checked against the arguments;
		// scnprintf() writes at most the rest of the page and returns
		// what it wrote (sysfs_emit_at() without its page check).
		length_ += bindings::scnprintf(page_ + length_, KCXX_PAGE_SIZE - length_, format::stored<Format>.chars,
					       kcxx::detail::printk_arg(args)...);
	}

	/// The bytes written so far (what show() returns to sysfs).
	[[nodiscard]] long length() const { return length_; }

	/// Writes into 'page', a page that sysfs provides.
	explicit Buffer(char *page) : page_(page) {}
	Buffer(const Buffer &) = delete;
	Buffer &operator=(const Buffer &) = delete;

private:
	char *page_;
	long length_ = 0;
};

/// One attribute: its file name and the member function that shows it.
template <typename D> struct Attribute {
	/// The attribute's file name.
	const char *name;
	/// The member function of the driver's device data that fills the file.
	Result<void> (D::*show)(Buffer &) const;
};

} // namespace kcxx::sysfs
