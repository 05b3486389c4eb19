"""Totals in words, translatable with proper plurals ("21 of 33 boroughs exempt care leavers
from council tax"). Each sentence is a whole ngettext message, so translators see it whole
and every language gets its own plural forms."""

from django.utils.translation import gettext, ngettext

from board.coverage import STATUS_RANK, YES, CommitmentTotal, ThemeTotal


def commitment_sentence(total: CommitmentTotal) -> str:
    """How many boroughs deliver a commitment in full."""
    n, values = total.yes, {"count": total.yes, "total": total.of}
    slug = total.commitment.slug
    if slug == "council-tax-exemption":
        text = ngettext(
            "%(count)s of %(total)s boroughs exempts care leavers from council tax",
            "%(count)s of %(total)s boroughs exempt care leavers from council tax",
            n,
        )
    elif slug == "rent-deposit-scheme":
        text = ngettext(
            "%(count)s of %(total)s boroughs runs a rent deposit scheme for care leavers",
            "%(count)s of %(total)s boroughs run a rent deposit scheme for care leavers",
            n,
        )
    elif slug == "priority-need-to-25":
        text = ngettext(
            "%(count)s of %(total)s boroughs treats care leavers as in priority need for "
            "housing up to 25",
            "%(count)s of %(total)s boroughs treat care leavers as in priority need for "
            "housing up to 25",
            n,
        )
    elif slug == "no-intentionally-homeless-to-25":
        text = ngettext(
            "%(count)s of %(total)s boroughs does not find care leavers intentionally "
            "homeless up to 25",
            "%(count)s of %(total)s boroughs do not find care leavers intentionally "
            "homeless up to 25",
            n,
        )
    elif slug == "joint-housing-protocol":
        text = ngettext(
            "%(count)s of %(total)s boroughs has a joint housing and children’s services protocol",
            "%(count)s of %(total)s boroughs have a joint housing and children’s services protocol",
            n,
        )
    elif slug == "care-leaver-covenant":
        text = ngettext(
            "%(count)s of %(total)s boroughs has signed the Care Leaver Covenant",
            "%(count)s of %(total)s boroughs have signed the Care Leaver Covenant",
            n,
        )
    else:
        values["commitment"] = total.commitment.title
        text = ngettext(
            "%(count)s of %(total)s boroughs says yes to “%(commitment)s”",
            "%(count)s of %(total)s boroughs say yes to “%(commitment)s”",
            n,
        )
    return text % values


def status_breakdown(total: CommitmentTotal, labels: dict) -> list[str]:
    """The rest of a commitment's picture: ["Partly: 3", "No: 2", "Not known: 7"]."""
    return [
        gettext("%(status)s: %(count)s") % {"status": labels[status], "count": count}
        for status, count in sorted(
            total.counts.items(), key=lambda item: STATUS_RANK.get(item[0], 9)
        )
        if status != YES and count
    ]


def theme_sentence(total: ThemeTotal) -> str:
    values = {
        "theme": total.theme.name,
        "count": total.boroughs_with_offers,
        "total": total.of,
    }
    return (
        ngettext(
            "%(theme)s: %(count)s of %(total)s boroughs publishes offers of its own",
            "%(theme)s: %(count)s of %(total)s boroughs publish offers of their own",
            total.boroughs_with_offers,
        )
        % values
    )


def boroughs(count: int) -> str:
    return ngettext("%(count)s borough", "%(count)s boroughs", count) % {"count": count}


def offers(count: int) -> str:
    return ngettext("%(count)s offer", "%(count)s offers", count) % {"count": count}


def showing(shown: int, total: int) -> str:
    return ngettext(
        "Showing %(shown)s of %(total)s authority",
        "Showing %(shown)s of %(total)s authorities",
        total,
    ) % {"shown": shown, "total": total}
