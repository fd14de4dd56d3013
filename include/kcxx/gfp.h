// SPDX-License-Identifier: GPL-2.0
/// \file
/// kcxx::Gfp: allocation flags, always explicit.
///
/// The values come from the target kernel's build (the GFP bits differ
/// between 6.1 and 6.12).  __GFP_NOFAIL is deliberately absent: in kcxx every
/// allocation can fail and the caller handles it.
#pragma once

#include <kcxx/bindings.h>

namespace kcxx {

/// Allocation flags, always explicit; the values are the target kernel's
/// (see kcxx/gfp.h).
class Gfp {
public:
	/// The kernel's GFP bits 'bits' (framework code: use the named flags below).
	explicit constexpr Gfp(unsigned int bits) : bits_(bits) {}
	/// The bits, as the kernel's allocators take them.
	[[nodiscard]] constexpr unsigned int bits() const { return bits_; }

	/// The flags of both.
	friend constexpr Gfp operator|(Gfp a, Gfp b) { return Gfp(a.bits_ | b.bits_); }
	/// Equal when the bits are.
	friend constexpr bool operator==(Gfp, Gfp) = default;
	/// Whether every flag of 'other' is set here.
	[[nodiscard]] constexpr bool contains(Gfp other) const
	{
		return (bits_ & other.bits_) == other.bits_;
	}

private:
	unsigned int bits_;
};

/// @{
/// Contexts (include/linux/gfp_types.h).
inline constexpr Gfp GFP_KERNEL{KCXX_GFP_KERNEL};
inline constexpr Gfp GFP_KERNEL_ACCOUNT{KCXX_GFP_KERNEL_ACCOUNT};
inline constexpr Gfp GFP_ATOMIC{KCXX_GFP_ATOMIC};
inline constexpr Gfp GFP_NOWAIT{KCXX_GFP_NOWAIT};
inline constexpr Gfp GFP_NOIO{KCXX_GFP_NOIO};
inline constexpr Gfp GFP_NOFS{KCXX_GFP_NOFS};
/// @}

/// @{
/// Modifiers (the kernel's __GFP_*).
inline constexpr Gfp GFP_ZERO{KCXX___GFP_ZERO};
inline constexpr Gfp GFP_NOWARN{KCXX___GFP_NOWARN};
inline constexpr Gfp GFP_NORETRY{KCXX___GFP_NORETRY};
inline constexpr Gfp GFP_RETRY_MAYFAIL{KCXX___GFP_RETRY_MAYFAIL};
/// @}

} // namespace kcxx
