"""The LMS question bank (issue 18): at least 12 questions per teaching notebook, each with
feedback on every option, an objective and a difficulty; the Moodle XML and QTI exports
read back to the same questions."""

from __future__ import annotations

import zipfile
from xml.etree import ElementTree as ET

import pytest

from skinlab.course.bank import DIFFICULTIES, bank, notebook_objectives
from skinlab.course.launch import COURSE_NOTEBOOKS
from tools import question_bank

TEACHING = [n.removesuffix(".ipynb") for n in COURSE_NOTEBOOKS if not n.startswith("00-")]
QTI = "{http://www.imsglobal.org/xsd/ims_qtiasiv1p2}"


@pytest.mark.parametrize("notebook", TEACHING)
def test_each_teaching_notebook_has_twelve_questions_or_more(notebook):
    questions = bank().get(notebook, ())
    assert len(questions) >= 12
    objectives = notebook_objectives(notebook)
    for q in questions:
        assert 1 <= q.objective <= len(objectives)
        assert q.difficulty in DIFFICULTIES
        assert sum(c.correct for c in q.choices) == 1
        assert all(c.feedback.strip() for c in q.choices)
        assert "{{" not in q.stem and "[@" not in q.stem
    assert {q.objective for q in questions} == set(range(1, len(objectives) + 1))
    assert len({q.difficulty for q in questions}) == len(DIFFICULTIES)


@pytest.fixture(scope="module")
def exported(tmp_path_factory):
    out = tmp_path_factory.mktemp("bank")
    question_bank.write(out)
    return out


def test_moodle_xml_reads_back_to_the_source_questions(exported):
    for notebook, questions in bank().items():
        root = ET.parse(exported / "moodle" / f"{notebook}.xml").getroot()
        items = root.findall("question[@type='multichoice']")
        assert [i.findtext("idnumber") for i in items] == [q.qid for q in questions]
        for item, q in zip(items, questions, strict=True):
            assert item.findtext("questiontext/text") == question_bank.html(q.stem)
            answers = item.findall("answer")
            assert [a.get("fraction") for a in answers] == \
                ["100" if c.correct else "0" for c in q.choices]
            assert [a.findtext("feedback/text") for a in answers] == \
                [question_bank.html(c.feedback) for c in q.choices]
            tags = {t.findtext("text") for t in item.findall("tags/tag")}
            assert f"difficulty:{q.difficulty}" in tags
            assert f"objective:{notebook[:2]}.{q.objective}" in tags
    everything = ET.parse(exported / "moodle" / "all.xml").getroot()
    assert len(everything.findall("question[@type='multichoice']")) == \
        sum(len(qs) for qs in bank().values())


def test_qti_packages_read_back_to_the_source_questions(exported):
    for notebook, questions in bank().items():
        with zipfile.ZipFile(exported / "canvas" / f"{notebook}.zip") as archive:
            manifest = ET.fromstring(archive.read("imsmanifest.xml"))
            href = next(el.get("href") for el in manifest.iter() if el.tag.endswith("file"))
            root = ET.fromstring(archive.read(href))
        items = list(root.iter(f"{QTI}item"))
        assert [i.get("ident") for i in items] == [q.qid for q in questions]
        for item, q in zip(items, questions, strict=True):
            labels = [el.get("ident") for el in item.iter(f"{QTI}response_label")]
            scored = [c for c in item.iter(f"{QTI}respcondition") if c.get("continue") == "No"]
            right = scored[0].find(f"{QTI}conditionvar/{QTI}varequal").text
            assert labels[[c.correct for c in q.choices].index(True)] == right
            feedback = {f.get("ident"): f.find(f".//{QTI}mattext").text
                        for f in item.iter(f"{QTI}itemfeedback")}
            assert [feedback[f"{label}_fb"] for label in labels] == \
                [question_bank.html(c.feedback) for c in q.choices]


def test_every_number_in_a_question_is_computed_or_cited():
    import yaml

    from skinlab.course.bank import BANK_DIR
    from skinlab.course.instructor import unsourced_numbers

    found = []
    for path in sorted(BANK_DIR.glob("*.yaml")):
        for q in yaml.safe_load(path.read_text(encoding="utf-8"))["questions"]:
            texts = [q["stem"]] + [t for o in q["options"] for t in (o["text"], o["feedback"])]
            found += [f"{q['id']}: {n}" for t in texts for n in unsourced_numbers(str(t), "")]
    assert found == []
