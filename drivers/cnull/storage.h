// SPDX-License-Identifier: GPL-2.0
//
// cnull: the data of a memory-backed device, stored sparsely: one zeroed
// page per 4 KiB of the device that has been written, in an XArray indexed
// by page number.  Unwritten and discarded ranges read as zeros (as in
// null_blk, which tracks written sectors in a per-page bitmap; here a page
// is zeroed when allocated, and a partial discard zeroes its sectors).
//
// Not thread-safe by itself: the device keeps it in a Mutex (queue_rq of
// a memory-backed device may sleep: the tag set is blocking).
#pragma once

#include <kcxx/box.h>
#include <kcxx/error.h>
#include <kcxx/gfp.h>
#include <kcxx/result.h>
#include <kcxx/span.h>
#include <kcxx/types.h>
#include <kcxx/xarray.h>

namespace cnull {

class Storage {
public:
	static constexpr unsigned long page_size = KCXX_PAGE_SIZE;
	static constexpr unsigned int sector_shift = 9;
	static constexpr unsigned long sectors_per_page = page_size >> sector_shift;

	// Copies 'data' to the device at 'sector'.  -ENOSPC when a page cannot
	// be allocated (what null_blk answers), after storing what fit.
	[[nodiscard]] kcxx::Result<void> write(kcxx::u64 sector, kcxx::Span<const kcxx::u8> data)
	{
		while (!data.empty()) {
			const unsigned long offset = (sector % sectors_per_page) << sector_shift;
			const unsigned long n = chunk(offset, data.size());
			Page *page = pages_.get(sector / sectors_per_page);
			if (!page) {
				auto fresh = kcxx::Box<Page>::try_new(kcxx::GFP_NOIO);
				if (fresh.is_error())
					return kcxx::code::ENOSPC;
				page = &*fresh.value();
				if (pages_.store(sector / sectors_per_page, std::move(fresh).value(), kcxx::GFP_NOIO)
					    .is_error())
					return kcxx::code::ENOSPC;
			}
			copy(page->bytes + offset, data.data(), n);
			data = data.skip(n);
			sector += n >> sector_shift;
		}
		return {};
	}

	// Fills 'out' from the device at 'sector' (zeros where never written).
	void read(kcxx::u64 sector, kcxx::Span<kcxx::u8> out) const
	{
		while (!out.empty()) {
			const unsigned long offset = (sector % sectors_per_page) << sector_shift;
			const unsigned long n = chunk(offset, out.size());
			if (const Page *page = pages_.get(sector / sectors_per_page))
				copy(out.data(), page->bytes + offset, n);
			else
				__builtin_memset(out.data(), 0, n);
			out = out.skip(n);
			sector += n >> sector_shift;
		}
	}

	// Forgets [sector, sector + count): whole pages are freed, the sectors
	// of a partly covered page are zeroed.
	void discard(kcxx::u64 sector, kcxx::u64 count)
	{
		while (count) {
			const kcxx::u64 in_page = sector % sectors_per_page;
			const kcxx::u64 n = count < sectors_per_page - in_page ? count : sectors_per_page - in_page;
			if (n == sectors_per_page)
				(void)pages_.remove(sector / sectors_per_page);
			else if (Page *page = pages_.get(sector / sectors_per_page))
				__builtin_memset(page->bytes + (in_page << sector_shift), 0, n << sector_shift);
			sector += n;
			count -= n;
		}
	}

private:
	struct Page {
		kcxx::u8 bytes[page_size] = {};
	};

	static unsigned long chunk(unsigned long offset, unsigned long left)
	{
		return left < page_size - offset ? left : page_size - offset;
	}
	static void copy(void *to, const void *from, unsigned long n) { __builtin_memcpy(to, from, n); }

	kcxx::XArray<Page> pages_;
};

} // namespace cnull
