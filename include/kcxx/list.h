// SPDX-License-Identifier: GPL-2.0
/// \file
/// kcxx::List<T, Tag>: an intrusive doubly linked list over the kernel's
/// struct list_head, which owns its items.
///
///     struct Request : kcxx::ListLinks<> {       // the links live in the item
///         int id;
///         explicit Request(int i) : id(i) {}
///     };
///     kcxx::List<Request> queue;                 // must not move (items point to it)
///     auto r = TRY(kcxx::Box<Request>::try_new(kcxx::GFP_KERNEL, 1));
///     queue.push_back(std::move(r));             // never allocates, cannot fail
///     for (Request &req : queue) ...
///     kcxx::Option<kcxx::Box<Request>> first = queue.pop_front();   // ownership back
///
/// At most once: insertion takes the item's Box, so the caller no longer
/// holds anything it could insert a second time; what the list hands out
/// while it owns an item is a reference or a pointer, which push_back()
/// does not take.  Inserting the same Box twice is inserting a moved-from
/// Box: a compile error where the compiler can see it (kcxx/box.h), else a
/// panic.  Removal gives the Box back.  Each ListLinks records the list that
/// holds it, so remove(item) checks that the item is in *this* list, and an
/// item whose links are already in a list (a Box forged with from_raw) is
/// refused with a warning instead of corrupting both lists.
///
/// Several lists: an item type derives from one ListLinks<Tag> per list it
/// can be in (List<T, ByAge>, List<T, ByName>).  Owning a Box, a list keeps
/// an item in one list at a time; the tags are for item types shared with
/// other owners in the future (Arc).
///
/// The list operations are the kernel's own (list_add, list_del_init, with
/// CONFIG_DEBUG_LIST's checks), through helpers.  Nothing here sleeps:
/// push/pop/remove are fine under a spinlock (dropping a removed Box frees
/// with kfree, which does not sleep either, but runs T's destructor).
#pragma once

#include <type_traits>
#include <utility>

#include <kcxx/bindings.h>
#include <kcxx/box.h>
#include <kcxx/bug.h>
#include <kcxx/option.h>

namespace kcxx {

template <typename T, typename Tag> class List;

/// The links of an item that can sit in a List<T, Tag>: derive from it.
/// Not copyable or movable: a linked item must stay where it is.
///
/// INVARIANT: owner_ is null and entry_ points to itself when the item is
/// in no list; otherwise owner_ is the List whose chain holds entry_.
template <typename Tag = void> class ListLinks {
public:
	constexpr ListLinks() : entry_{&entry_, &entry_}, owner_(nullptr) {}
	ListLinks(const ListLinks &) = delete;
	ListLinks &operator=(const ListLinks &) = delete;
	~ListLinks()
	{
		if (owner_) [[unlikely]]
			panic("kcxx::ListLinks destroyed while in a list");
	}

	/// Whether the item is in a list of this Tag.
	[[nodiscard]] bool is_linked() const { return owner_ != nullptr; }

private:
	template <typename, typename> friend class List;

	bindings::list_head entry_; // first: a list_head * is a ListLinks *
	const void *owner_;
};

/// INVARIANT: head_ is a circular kernel list whose entries are exactly the
/// ListLinks<Tag> of the items this List owns, each from Box<T>::into_raw
/// (kmalloc), with owner_ == this; len_ is their number.
template <typename T, typename Tag = void> class List {
	static_assert(std::is_base_of_v<ListLinks<Tag>, T>,
		      "kcxx::List<T, Tag>: T must derive from kcxx::ListLinks<Tag>");
	static_assert(std::is_standard_layout_v<ListLinks<Tag>>);

public:
	constexpr List() : head_{&head_, &head_}, len_(0) {}
	/// Items point to head_: a List does not move (put it in a Box or in
	/// an object that does not move).
	List(const List &) = delete;
	List &operator=(const List &) = delete;

	/// Drops every item still in the list.
	~List() { clear(); }

	/// Whether the list holds no item.
	[[nodiscard]] bool is_empty() const { return head_.next == &head_; }
	/// The number of items.
	[[nodiscard]] unsigned long size() const { return len_; }

	/// @{
	/// Takes ownership of 'item' and links it at the end / the front.
	[[gnu::always_inline]] void push_back(Box<T> item) { insert(std::move(item), true); }
	[[gnu::always_inline]] void push_front(Box<T> item) { insert(std::move(item), false); }
	/// @}

	/// The first / last item, unlinked, with its ownership; none if empty.
	[[nodiscard]] Option<Box<T>> pop_front()
	{
		if (is_empty())
			return none;
		return unlink(item_of(head_.next));
	}
	/// The last item, unlinked, with its ownership; none if empty.
	[[nodiscard]] Option<Box<T>> pop_back()
	{
		if (is_empty())
			return none;
		return unlink(item_of(head_.prev));
	}

	/// 'item', unlinked, with its ownership; none if it is not in this
	/// list (checked, so a reference to any T is accepted).
	[[nodiscard]] Option<Box<T>> remove(T &item)
	{
		if (!contains(item))
			return none;
		return unlink(&item);
	}

	/// Whether 'item' is in this list.
	[[nodiscard]] bool contains(const T &item) const
	{
		return static_cast<const ListLinks<Tag> &>(item).owner_ == this;
	}

	/// The first item (still in the list), or nullptr if empty.
	[[nodiscard]] T *front() { return is_empty() ? nullptr : item_of(head_.next); }
	/// The last item (still in the list), or nullptr if empty.
	[[nodiscard]] T *back() { return is_empty() ? nullptr : item_of(head_.prev); }

	/// Unlinks and drops every item for which pred(item) is true; returns
	/// how many.
	template <typename Pred> unsigned long remove_if(Pred pred)
	{
		unsigned long removed = 0;
		for (bindings::list_head *pos = head_.next, *next; pos != &head_; pos = next) {
			next = pos->next;
			T *item = item_of(pos);
			if (pred(static_cast<const T &>(*item))) {
				unlink(item); // the Box it returns drops the item
				++removed;
			}
		}
		return removed;
	}

	/// Drops every item.
	void clear()
	{
		while (!is_empty())
			unlink(item_of(head_.next)); // the Box it returns drops the item
	}

	/// INVARIANT: pos_ is an entry of a list (or its head, the end) that
	/// has not changed since the iterator was made.
	template <bool Const> class Iterator {
	public:
		/// The item type (const for a const list).
		using Item = std::conditional_t<Const, const T, T>;
		/// An iterator at 'pos'.
		explicit Iterator(bindings::list_head *pos) : pos_(pos) {}
		/// @{
		/// The item at this position.
		Item &operator*() const { return *item_of(pos_); }
		Item *operator->() const { return item_of(pos_); }
		/// @}
		/// Moves to the next item.
		Iterator &operator++()
		{
			pos_ = pos_->next;
			return *this;
		}
		/// Equal at the same position.
		friend bool operator==(const Iterator &, const Iterator &) = default;

	private:
		bindings::list_head *pos_;
	};

	/// In order, front to back.  The list must not change while a loop
	/// runs (use remove_if to remove).
	Iterator<false> begin() { return Iterator<false>(head_.next); }
	/// Past the last item.
	Iterator<false> end() { return Iterator<false>(&head_); }
	/// In order, front to back (const).
	Iterator<true> begin() const { return Iterator<true>(head_.next); }
	/// Past the last item (const).
	Iterator<true> end() const { return Iterator<true>(const_cast<bindings::list_head *>(&head_)); }

private:
	static ListLinks<Tag> &links(T &item) { return static_cast<ListLinks<Tag> &>(item); }

	static T *item_of(const bindings::list_head *entry)
	{
		// entry_ is the first member of the standard-layout
		// ListLinks<Tag>, a base of T: entry -> links -> item.
		auto *l = reinterpret_cast<ListLinks<Tag> *>(const_cast<bindings::list_head *>(entry));
		return static_cast<T *>(l);
	}

	void insert(Box<T> item, bool at_tail)
	{
		T *raw = detail::box_checked(item.get());
		ListLinks<Tag> &l = links(*raw);
		if (l.owner_) [[unlikely]] {
			// Another Box owned an item that a list owns (from_raw
			// misuse): leave it where it is, never free it twice.
			(void)std::move(item).into_raw();
			warn("kcxx::List: the item is already in a list");
			return;
		}
		raw = std::move(item).into_raw();
		// SAFETY: l.entry_ is in no list (owner_ is null, INVARIANT of
		// ListLinks) and head_ is this live list's head; the list now
		// owns the item (INVARIANT).
		if (at_tail)
			bindings::kcxx_helper_list_add_tail(&l.entry_, &head_);
		else
			bindings::kcxx_helper_list_add(&l.entry_, &head_);
		l.owner_ = this;
		++len_;
	}

	/// Precondition: item is in this list.
	Box<T> unlink(T *item)
	{
		ListLinks<Tag> &l = links(*item);
		// SAFETY: l.entry_ is in this list (precondition); list_del_init
		// leaves it pointing to itself, as ListLinks expects.
		bindings::kcxx_helper_list_del_init(&l.entry_);
		l.owner_ = nullptr;
		--len_;
		// The item came from Box<T>::into_raw (INVARIANT).
		return Box<T>::from_raw(item);
	}

	bindings::list_head head_;
	unsigned long len_;
};

} // namespace kcxx
