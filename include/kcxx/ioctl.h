// SPDX-License-Identifier: GPL-2.0
/// \file
/// ioctl command numbers tied to their argument type, and a typed dispatch.
///
///     constexpr auto GET_SIZE = kcxx::ioctl::Read<kcxx::u64>('k', 1);   // _IOR('k', 1, u64)
///     constexpr auto SET_SIZE = kcxx::ioctl::Write<kcxx::u64>('k', 2);  // _IOW('k', 2, u64)
///     constexpr auto CLEAR = kcxx::ioctl::Io('k', 3);                    // _IO('k', 3)
///
///     kcxx::Result<long> ioctl(kcxx::File &, kcxx::ioctl::Request request) const
///     {
///         using namespace kcxx::ioctl;
///         return request.dispatch(
///             handle<GET_SIZE>([&](Out<kcxx::u64> out) { return std::move(out).write(size()); }),
///             handle<SET_SIZE>([&](In<kcxx::u64> in) -> kcxx::Result<long> {
///                 kcxx::u64 size = TRY(std::move(in).read());
///                 ...
///             }),
///             handle<CLEAR>([&]() -> kcxx::Result<void> { ... }));
///     }
///
/// - A command's value is the kernel's _IOC() encoding (the field widths and
///   direction bits come from the target kernel's headers, and the encoding
///   is asserted below against _IOR/_IOW/_IOWR/_IO values the C compiler
///   computed).  Its size field is sizeof(T), so user space built from the
///   same C header reaches the handler only with an argument of that size.
/// - The handler's argument is typed by the command: a Read<T> (_IOR, user
///   space reads) handler gets an Out<T>, which writes one T to user memory;
///   Write<T> (_IOW) gets an In<T>, which reads one T once; ReadWrite<T>
///   (_IOWR) gets both, over the same sizeof(T) bytes; Io (_IO) gets the raw
///   argument value or nothing.  A handler whose argument type disagrees
///   with the command's declared type does not compile.
/// - T must be readable from user bytes (FromUser) for Write/ReadWrite and
///   have no padding (ToUser) for Read/ReadWrite.
/// - An unknown command is -ENOTTY, as the kernel expects; two handlers for
///   one command number do not compile.
#pragma once

#include <type_traits>
#include <utility>

#include <kcxx/bindings.h>
#include <kcxx/error.h>
#include <kcxx/result.h>
#include <kcxx/types.h>
#include <kcxx/uaccess.h>

namespace kcxx::ioctl {

/// The direction bits (include/uapi/asm-generic/ioctl.h): 'read' means user
/// space reads, the kernel writes the argument.
enum class Direction : u32 {
	none = KCXX__IOC_NONE,
	write = KCXX__IOC_WRITE,
	read = KCXX__IOC_READ,
	read_write = KCXX__IOC_READ | KCXX__IOC_WRITE,
};

namespace detail {

inline constexpr u32 nr_mask = (1U << KCXX__IOC_NRBITS) - 1;
inline constexpr u32 type_mask = (1U << KCXX__IOC_TYPEBITS) - 1;
inline constexpr u32 size_mask = (1U << KCXX__IOC_SIZEBITS) - 1;
inline constexpr u32 dir_mask = (1U << KCXX__IOC_DIRBITS) - 1;

/// Called only when a consteval check fails: the compiler names the
/// function in the error.
void ioctl_type_must_fit_in_IOC_TYPEBITS();
void ioctl_number_must_fit_in_IOC_NRBITS();
void ioctl_argument_size_must_fit_in_IOC_SIZEBITS();

consteval u32 encode(Direction dir, u32 type, u32 nr, unsigned long size)
{
	if (type > type_mask)
		ioctl_type_must_fit_in_IOC_TYPEBITS();
	if (nr > nr_mask)
		ioctl_number_must_fit_in_IOC_NRBITS();
	if (size > size_mask)
		ioctl_argument_size_must_fit_in_IOC_SIZEBITS();
	return (static_cast<u32>(dir) << KCXX__IOC_DIRSHIFT) | (type << KCXX__IOC_TYPESHIFT) |
	       (nr << KCXX__IOC_NRSHIFT) | (static_cast<u32>(size) << KCXX__IOC_SIZESHIFT);
}

} // namespace detail

/// @{
/// Decoding a command number (_IOC_DIR, _IOC_TYPE, _IOC_NR, _IOC_SIZE).
constexpr Direction direction(u32 command)
{
	return static_cast<Direction>((command >> KCXX__IOC_DIRSHIFT) & detail::dir_mask);
}
constexpr u32 type(u32 command) { return (command >> KCXX__IOC_TYPESHIFT) & detail::type_mask; }
constexpr u32 number(u32 command) { return (command >> KCXX__IOC_NRSHIFT) & detail::nr_mask; }
constexpr u32 size(u32 command) { return (command >> KCXX__IOC_SIZESHIFT) & detail::size_mask; }

/// @}
/// A command number and the type of its argument (void for _IO).
///
/// INVARIANT: value is the kernel's _IOC(D, type, nr, sizeof(T)) (0 size for
/// void), with every field within its width.
template <Direction D, typename T> struct Command {
	/// The argument's type (void for _IO).
	using Argument = T;
	/// The direction: what user space and the driver exchange.
	static constexpr Direction direction = D;

	/// The command number, as user space passes it.
	u32 value;

	/// Equal when the numbers are.
	friend constexpr bool operator==(Command, Command) = default;
};

/// _IO(type, nr): no argument in memory (the argument, if any, is a value).
consteval Command<Direction::none, void> Io(char type, u32 nr)
{
	return {detail::encode(Direction::none, static_cast<unsigned char>(type), nr, 0)};
}

/// _IOR(type, nr, T): user space reads a T, which the kernel writes.
template <typename T> consteval Command<Direction::read, T> Read(char type, u32 nr)
{
	static_assert(ToUser<T>,
		      "kcxx: ioctl::Read<T>: T is copied to user space, so it must have no padding "
		      "bytes and no pointers (ToUser)");
	return {detail::encode(Direction::read, static_cast<unsigned char>(type), nr, sizeof(T))};
}

/// _IOW(type, nr, T): user space writes a T, which the kernel reads.
template <typename T> consteval Command<Direction::write, T> Write(char type, u32 nr)
{
	static_assert(FromUser<T>,
		      "kcxx: ioctl::Write<T>: T is read from user space, so every bit pattern must "
		      "be valid (FromUser: no bool, enum or pointer)");
	return {detail::encode(Direction::write, static_cast<unsigned char>(type), nr, sizeof(T))};
}

/// _IOWR(type, nr, T): the kernel reads a T and writes one back.
template <typename T> consteval Command<Direction::read_write, T> ReadWrite(char type, u32 nr)
{
	static_assert(FromUser<T> && ToUser<T>,
		      "kcxx: ioctl::ReadWrite<T>: T travels both ways: FromUser and ToUser");
	return {detail::encode(Direction::read_write, static_cast<unsigned char>(type), nr,
			       sizeof(T))};
}

/// The argument of a Write<T> or ReadWrite<T> command: exactly sizeof(T)
/// bytes of user memory, read once.
///
/// INVARIANT: reader_ covers sizeof(T) bytes at the argument address (fewer
/// only after it was read, then 0).
template <typename T> class In {
public:
	/// Moves: the argument is still read only once.
	In(In &&) = default;
	In(const In &) = delete;

	/// Reads the argument: -EFAULT on a bad address.  Consumes the In.
	[[nodiscard]] Result<T> read() && { return reader_.template read<T>(); }

	/// Reading from an In that is not moved (in.read()) does not compile: the
	/// argument is read once (std::move(in).read()).
	template <typename U = T> Result<T> read() &
	{
		static_assert(uaccess_detail::always_false<U>,
			      "kcxx: ioctl::In<T>::read() consumes the argument "
			      "(std::move(in).read()): it is read once, never twice");
		return reader_.template read<T>();
	}

private:
	template <typename> friend class Handler;
	explicit In(UserSliceReader &&reader) : reader_(std::move(reader)) {}
	UserSliceReader reader_;
};

/// The argument of a Read<T> or ReadWrite<T> command: exactly sizeof(T)
/// bytes of user memory, written once.
///
/// INVARIANT: writer_ covers sizeof(T) bytes at the argument address.
template <typename T> class Out {
public:
	/// Moves: the argument is still written only once.
	Out(Out &&) = default;
	Out(const Out &) = delete;

	/// Writes the result: -EFAULT on a bad address.  Consumes the Out.
	Result<void> write(const T &value) && { return writer_.write(value); }

private:
	template <typename> friend class Handler;
	explicit Out(UserSliceWriter &&writer) : writer_(std::move(writer)) {}
	UserSliceWriter writer_;
};

/// One ioctl call: the command number and its argument (a number; for typed
/// commands a user address, which only the dispatch turns into In/Out).
///
/// INVARIANT: none on the values: user space chose them.
class Request {
public:
	/// A request for 'command' with its raw 'argument'.
	constexpr Request(u32 command, unsigned long argument) : command_(command), argument_(argument)
	{
	}

	/// The command number.
	[[nodiscard]] constexpr u32 command() const { return command_; }
	/// The raw argument (a user address or a number).
	[[nodiscard]] constexpr unsigned long argument() const { return argument_; }

	/// Runs the handler whose command equals this request's, with its
	/// typed argument; -ENOTTY when none does.
	template <typename... Handlers> Result<long> dispatch(Handlers &&...handlers) const;

private:
	u32 command_;
	unsigned long argument_;
};

namespace detail {

template <typename R> inline constexpr bool is_handler_result =
	std::is_same_v<R, Result<long>> || std::is_same_v<R, Result<void>>;

template <typename R> Result<long> to_long(R &&result)
{
	if constexpr (std::is_same_v<std::remove_cvref_t<R>, Result<void>>) {
		if (result.is_error())
			return result.error();
		return 0L;
	} else {
		return std::move(result);
	}
}

} // namespace detail

/// A handler bound to its command at compile time: made by handle<COMMAND>().
///
/// INVARIANT: F accepts exactly the argument type the command declares
/// (checked by handle()).
template <typename Bound> class Handler;

/// A command and its handler's type, as one template argument.  INVARIANT:
/// none (a type-level pair).
template <auto Cmd, typename F> struct Bound {
	/// The command.
	static constexpr auto command = Cmd;
	/// The handler's type.
	F function;
};

/// The handler of one command: calls the function with the argument of the
/// command's type (In\<T\>, Out\<T\>, both or a value) read from or written to user space.
template <auto Cmd, typename F> class Handler<Bound<Cmd, F>> {
public:
	/// The command number.
	static constexpr u32 value = Cmd.value;
	/// The command's type.
	using Command = decltype(Cmd);
	/// The argument's type.
	using T = typename Command::Argument;

	/// Takes over the handler function.
	explicit Handler(F &&function) : function_(std::move(function)) {}

	/// constexpr, not consteval: clang 14 (clangd) rejects this consteval
	/// call in the initializer below; it is evaluated at compile time either way.
	static constexpr bool accepts()
	{
		if constexpr (Command::direction == Direction::none)
			return std::is_invocable_v<F &, unsigned long> || std::is_invocable_v<F &>;
		else if constexpr (Command::direction == Direction::read)
			return std::is_invocable_v<F &, Out<T>>;
		else if constexpr (Command::direction == Direction::write)
			return std::is_invocable_v<F &, In<T>>;
		else
			return std::is_invocable_v<F &, In<T>, Out<T>>;
	}
	/// Whether the function's parameters match the command's argument type.
	static constexpr bool accepts_argument = accepts();

	/// Runs the handler on the raw ioctl argument.
	Result<long> operator()(unsigned long argument)
	{
		if constexpr (!accepts_argument)
			// handle() has reported the mismatch; no second error.
			return code::ENOTTY;
		else if constexpr (Command::direction == Direction::none) {
			if constexpr (std::is_invocable_v<F &, unsigned long>)
				return detail::to_long(function_(argument));
			else
				return detail::to_long(function_());
		} else if constexpr (Command::direction == Direction::read) {
			return detail::to_long(
				function_(Out<T>(UserSlice(UserPtr<T>(argument)).writer())));
		} else if constexpr (Command::direction == Direction::write) {
			return detail::to_long(
				function_(In<T>(UserSlice(UserPtr<T>(argument)).reader())));
		} else {
			auto both = UserSlice(UserPtr<T>(argument)).reader_writer();
			return detail::to_long(function_(In<T>(std::move(both.reader)),
							  Out<T>(std::move(both.writer))));
		}
	}

private:
	F function_;
};

/// Binds 'function' to the command 'Cmd' and checks, at compile time, that it
/// takes the command's argument type and returns Result<long> or
/// Result<void>.
template <auto Cmd, typename F> auto handle(F function)
{
	using Command = decltype(Cmd);
	using T = typename Command::Argument;
	if constexpr (Command::direction == Direction::none) {
		static_assert(std::is_invocable_v<F &, unsigned long> || std::is_invocable_v<F &>,
			      "kcxx: the handler of an ioctl::Io command takes the argument value "
			      "(unsigned long) or nothing");
		if constexpr (std::is_invocable_v<F &, unsigned long>)
			static_assert(detail::is_handler_result<std::invoke_result_t<F &, unsigned long>>,
				      "kcxx: an ioctl handler returns Result<long> or Result<void>");
		else if constexpr (std::is_invocable_v<F &>)
			static_assert(detail::is_handler_result<std::invoke_result_t<F &>>,
				      "kcxx: an ioctl handler returns Result<long> or Result<void>");
	} else if constexpr (Command::direction == Direction::read) {
		static_assert(std::is_invocable_v<F &, Out<T>>,
			      "kcxx: the argument type of this ioctl handler disagrees with the "
			      "command's declared type: a Read<T> (_IOR) command's handler takes "
			      "kcxx::ioctl::Out<T> with the command's own T");
		if constexpr (std::is_invocable_v<F &, Out<T>>)
			static_assert(detail::is_handler_result<std::invoke_result_t<F &, Out<T>>>,
				      "kcxx: an ioctl handler returns Result<long> or Result<void>");
	} else if constexpr (Command::direction == Direction::write) {
		static_assert(std::is_invocable_v<F &, In<T>>,
			      "kcxx: the argument type of this ioctl handler disagrees with the "
			      "command's declared type: a Write<T> (_IOW) command's handler takes "
			      "kcxx::ioctl::In<T> with the command's own T");
		if constexpr (std::is_invocable_v<F &, In<T>>)
			static_assert(detail::is_handler_result<std::invoke_result_t<F &, In<T>>>,
				      "kcxx: an ioctl handler returns Result<long> or Result<void>");
	} else {
		static_assert(std::is_invocable_v<F &, In<T>, Out<T>>,
			      "kcxx: the argument type of this ioctl handler disagrees with the "
			      "command's declared type: a ReadWrite<T> (_IOWR) command's handler "
			      "takes (kcxx::ioctl::In<T>, kcxx::ioctl::Out<T>) with the command's "
			      "own T");
		if constexpr (std::is_invocable_v<F &, In<T>, Out<T>>)
			static_assert(detail::is_handler_result<std::invoke_result_t<F &, In<T>, Out<T>>>,
				      "kcxx: an ioctl handler returns Result<long> or Result<void>");
	}
	return Handler<Bound<Cmd, F>>(std::move(function));
}

namespace detail {

template <u32... Values> consteval bool all_distinct()
{
	constexpr u32 values[] = {Values...};
	for (unsigned long i = 0; i < sizeof...(Values); ++i)
		for (unsigned long j = i + 1; j < sizeof...(Values); ++j)
			if (values[i] == values[j])
				return false;
	return true;
}

template <typename H> struct IsHandler : std::false_type {};
template <typename B> struct IsHandler<Handler<B>> : std::true_type {};

} // namespace detail

namespace detail {

inline Result<long> dispatch_to(u32, unsigned long) { return code::ENOTTY; }

template <typename H, typename... Rest>
Result<long> dispatch_to(u32 command, unsigned long argument, H &handler, Rest &...rest)
{
	if (command == H::value)
		return handler(argument);
	return dispatch_to(command, argument, rest...);
}

} // namespace detail

template <typename... Handlers> Result<long> Request::dispatch(Handlers &&...handlers) const
{
	static_assert((detail::IsHandler<std::remove_cvref_t<Handlers>>::value && ...),
		      "kcxx: Request::dispatch takes handlers made by ioctl::handle<COMMAND>(...)");
	static_assert(sizeof...(Handlers) == 0 ||
			      detail::all_distinct<std::remove_cvref_t<Handlers>::value...>(),
		      "kcxx: two ioctl handlers for the same command number");
	// The handler whose command matches runs; the compiler sees the
	// constant command numbers and emits a compare chain or a switch.
	return detail::dispatch_to(command_, argument_, handlers...);
}

// The encoding is the kernel's: checked against values the C compiler
// computed with the uapi macros (bindings/layout.c).
static_assert(Read<u64>('k', 1).value == KCXX_IOC_EXAMPLE_IOR_K_1_U64);
static_assert(Write<u32>('k', 2).value == KCXX_IOC_EXAMPLE_IOW_K_2_U32);
static_assert(ReadWrite<u8[24]>('k', 3).value == KCXX_IOC_EXAMPLE_IOWR_K_3_24);
static_assert(Io('k', 4).value == KCXX_IOC_EXAMPLE_IO_K_4);
static_assert(direction(Read<u64>('k', 1).value) == Direction::read);
static_assert(type(Read<u64>('k', 1).value) == 'k');
static_assert(number(Read<u64>('k', 1).value) == 1);
static_assert(size(Read<u64>('k', 1).value) == sizeof(u64));

} // namespace kcxx::ioctl
