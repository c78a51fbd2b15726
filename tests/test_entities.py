"""Entity extraction on sentences written for these tests (invented people)."""
import pytest

from newsgraph.loaders.entities import find_entities
from newsgraph.loaders.nlp import load_nlp


@pytest.fixture(scope="module")
def ents():
    nlp = load_nlp()

    def run(text):
        return {(e.kind, e.label): e.names for e in find_entities(nlp(text))}
    return run


def kinds(result, kind):
    return {label for k, label in result if k == kind}


def test_entities_title_is_stripped_and_surname_joins_full_name(ents):
    r = ents("Lawyer Marat Bekbolatov said his client was innocent. Bekbolatov visited him in Bishkek on Monday.")
    assert ("person", "Marat Bekbolatov") in r
    assert "Bekbolatov" in r[("person", "Marat Bekbolatov")]
    assert not any("Lawyer" in label for label in kinds(r, "person"))


def test_entities_acronym_gives_long_form_and_alias(ents):
    r = ents("Two bloggers were detained by the State Committee for National Security (GKNB) on Thursday. "
             "The GKNB declined to comment.")
    assert ("org", "State Committee for National Security") in r
    assert "GKNB" in r[("org", "State Committee for National Security")]
    assert ("org", "GKNB") not in r


def test_entities_demonyms_are_not_entities(ents):
    r = ents("Kyrgyz police detained a Belarusian citizen in Osh, the Kyrgyz Interior Ministry said.")
    assert not any(label in {"Kyrgyz", "Belarusian"} for _, label in r)
    assert ("place", "Osh") in r


def test_entities_quoted_party_name(ents):
    r = ents("Aibek Tursunov, leader of the party “Free Step!”, was detained in Osh on Friday.")
    assert ("org", "Free Step!") in r
    assert ("person", "Aibek Tursunov") in r


def test_entities_city_of_pattern_finds_small_places(ents):
    r = ents("The journalist was detained in the northern city of Karakol on Friday, police said.")
    assert ("place", "Karakol") in r


def test_entities_surname_typed_as_place_is_a_person(ents):
    r = ents("Police detained activist Nurbek Zhaksylykov on Monday. "
             "Zhaksylykov was later charged with organizing riots, and Zhaksylykov denied it.")
    assert ("person", "Nurbek Zhaksylykov") in r
    assert kinds(r, "place") == set()


def test_entities_two_people_sharing_a_surname_stay_two(ents):
    r = ents("Aidar Sultanbekov and his brother Almaz Sultanbekov were detained in Bishkek. "
             "Aidar Sultanbekov was released on Friday.")
    assert {"Aidar Sultanbekov", "Almaz Sultanbekov"} <= kinds(r, "person")


def test_entities_name_used_as_modifier_is_not_a_person(ents):
    r = ents("Officers confiscated Kalashnikov assault rifles and ammunition in Osh.")
    assert kinds(r, "person") == set()


def test_entities_headline_lines_only_keep_confirmed_names(ents):
    r = ents("Kyrgyz Police Break Up Opposition Rally In Osh\n\n"
             "Police in Osh detained 20 people at a rally on Sunday, the Interior Ministry said.")
    assert not any("Police" in label or "Rally" in label for _, label in r)
    assert ("place", "Osh") in r


def test_entities_well_known_body_found_without_the_model(ents):
    r = ents("The group announced the detentions on Facebook late on Sunday.")
    assert ("org", "Facebook") in r


def test_entities_gazetteer_gives_place_its_current_name(ents):
    r = ents("Protesters gathered in Nur-Sultan and in Almaty on Saturday.")
    assert ("place", "Astana") in r
    assert "Nur-Sultan" in r[("place", "Astana")]


def test_entities_short_form_of_an_organization_joins_it(ents):
    r = ents("Police detained 12 people, according to Human Rights Center Vesna-Nord, which monitors arrests. "
             "The authorities have branded Vesna-Nord an extremist group.")
    orgs = kinds(r, "org")
    assert len(orgs) == 1


def test_entities_person_names_do_not_end_in_a_preposition(ents):
    r = ents("A court in Grodno sentenced Ales Kavalenka, Ihar Lutsevich and Tatsiana Dambrouskaya to 10 days.")
    assert not any(label.endswith(" to") for label in kinds(r, "person"))


def test_entities_coordinated_pair_is_two_people(ents):
    r = ents("Rights groups said Kanybek Osmonov and Viktor Lebedenko were held overnight in Osh.")
    assert {"Kanybek Osmonov", "Viktor Lebedenko"} <= kinds(r, "person")
    assert kinds(r, "org") == set()


def test_entities_no_dangling_words_and_no_bare_titles(ents):
    r = ents("Lawyer said on Monday that the Vitebsk Branch of the union had closed.")
    assert not any(label.endswith(" of") or label == "Lawyer" for _, label in r)


def test_entities_split_pair_rule_on_a_span_typed_as_one():
    from newsgraph.loaders.entities import Mention, _split_pair, gazetteer
    parts = _split_pair(Mention(10, 45, "Kanybek Osmonov and Viktor Lebedenko", "org"), gazetteer())
    assert [(p.text, p.kind, p.start) for p in parts] == [
        ("Kanybek Osmonov", "person", 10), ("Viktor Lebedenko", "person", 30)]
    keep = Mention(0, 30, "Human Rights Center and Vesna Union", "org")
    assert _split_pair(keep, gazetteer()) == [keep]


def test_entities_a_quoted_slogan_is_not_a_person(ents):
    r = ents('Two activists unfolded placards reading "Free Levan" near a metro station in Tbilisi and were detained. '
             'Levan Tsiklauri has been in jail since May.')
    assert kinds(r, "person") == {"Levan Tsiklauri"}
    r = ents('Members of the party "Free Nation" said Giorgi Kapanadze was detained.')
    assert ("org", "Free Nation") in r


@pytest.mark.parametrize("text, city", [
    ("NYASVIZH (Reuters) - Police detained activist Giorgi Kapanadze on Monday.", "Nyasvizh"),
    ("KUTAISI, Georgia -- Police detained activist Giorgi Kapanadze on Monday.", "Kutaisi"),
    ("Giorgi Kapanadze Detained\n\nTBILISI, May 3 (AFP) - Police detained activist Giorgi Kapanadze.", "Tbilisi"),
])
def test_entities_dateline_city_in_capitals_is_a_place(ents, text, city):
    assert ("place", city) in ents(text)


def test_entities_a_capitalised_line_without_a_dateline_shape_is_no_place(ents):
    r = ents("UPDATE - Police detained activist Giorgi Kapanadze on Monday.")
    assert not kinds(r, "place")


def test_place_index_from_disk_equals_the_fresh_build(tmp_path, monkeypatch):
    from newsgraph.loaders import gazetteer as gz
    monkeypatch.setenv("NEWSGRAPH_CACHE", str(tmp_path))
    built = gz._place_index()               # folds every place name, writes the cache
    assert len(list(tmp_path.glob("places-*.json"))) == 1
    assert gz._place_index() == built       # read back from disk
    monkeypatch.setenv("NEWSGRAPH_CACHE", "off")
    assert gz._place_index() == built and built[gz.fold("Nur-Sultan")][0] == "Astana"


def test_disk_cache_rebuilds_a_corrupt_or_stale_file(tmp_path, monkeypatch):
    from newsgraph.loaders.disk_cache import cached_json
    monkeypatch.setenv("NEWSGRAPH_CACHE", str(tmp_path))
    assert cached_json("t", [b"v1"], lambda: {"x": 1}) == {"x": 1}
    (path,) = tmp_path.glob("t-*.json")
    path.write_text('{"x": ', encoding="utf-8")                              # a torn write
    assert cached_json("t", [b"v1"], lambda: {"x": 2}) == {"x": 2}           # rebuilt, not read
    assert cached_json("t", [b"v1"], lambda: {"x": 3}) == {"x": 2}           # and kept
    assert cached_json("t", [b"v2"], lambda: {"x": 4}) == {"x": 4}           # other inputs, other key


def test_disk_cache_unwritable_folder_still_builds(tmp_path, monkeypatch):
    from newsgraph.loaders.disk_cache import cached_json
    blocker = tmp_path / "file"
    blocker.write_text("not a folder")
    monkeypatch.setenv("NEWSGRAPH_CACHE", str(blocker / "sub"))
    assert cached_json("t", [b"v1"], lambda: [1, 2]) == [1, 2]


def test_disk_cache_file_of_the_wrong_shape_is_rebuilt(tmp_path, monkeypatch):
    from newsgraph.loaders.disk_cache import cached_json
    monkeypatch.setenv("NEWSGRAPH_CACHE", str(tmp_path))
    cached_json("t", [b"v1"], lambda: {"x": [1]})
    (path,) = tmp_path.glob("t-*.json")
    path.write_text('["edited"]', encoding="utf-8")
    assert cached_json("t", [b"v1"], lambda: {"x": [2]}, valid=lambda v: isinstance(v, dict)) == {"x": [2]}
