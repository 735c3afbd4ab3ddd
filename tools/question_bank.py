"""Write the question bank for learning-management systems: ``make question-bank``.

Usage: python -m tools.question_bank [OUT_DIR]   (default: build/question-bank)

Writes, from ``skinlab.course.bank``:

* ``moodle/<notebook>.xml`` and ``moodle/all.xml``: Moodle XML (Question bank > Import >
  Moodle XML format). Each notebook is a category; each question is single-answer
  multiple choice with feedback on every option, tagged ``objective:NN.k`` and
  ``difficulty:…``, and its citations in the general feedback.
* ``canvas/<notebook>.zip``: an IMS content package holding one QTI 1.2 assessment (Canvas:
  Settings > Import course content > QTI .zip file), with the same feedback per option.

Markdown in questions becomes HTML; numbers are those the library gives today.
"""

from __future__ import annotations

import sys
import zipfile
from pathlib import Path
from xml.etree import ElementTree as ET

import mistune

from skinlab.course.bank import Question, bank, notebook_objectives
from skinlab.data.citations import reference

ROOT = Path(__file__).resolve().parents[1]
_markdown = mistune.create_markdown(escape=True)


def html(text: str) -> str:
    """Markdown to an HTML fragment (raw HTML in the source is escaped)."""
    rendered = str(_markdown(text)).strip()
    # A single paragraph reads better without its <p> inside an LMS option.
    if rendered.startswith("<p>") and rendered.endswith("</p>") and rendered.count("<p>") == 1:
        rendered = rendered[3:-4]
    return rendered


def _text(parent: ET.Element, tag: str, value: str, **attrs: str) -> ET.Element:
    element = ET.SubElement(parent, tag, attrs)
    ET.SubElement(element, "text").text = value
    return element


def sources_html(question: Question) -> str:
    """The question's references as an HTML list."""
    items = "".join(f"<li>{reference(k).short()}: {reference(k).full()}</li>"
                    for k in question.sources)
    return f"<p>Sources:</p><ul>{items}</ul>"


def objective_tag(question: Question) -> str:
    return f"objective:{question.notebook[:2]}.{question.objective}"


def moodle_xml(questions: list[Question], category: str) -> bytes:
    """Moodle XML for ``questions``, in the category ``category`` (under the course)."""
    quiz = ET.Element("quiz")
    head = ET.SubElement(quiz, "question", type="category")
    _text(head, "category", f"$course$/top/skinlab/{category}")
    for q in questions:
        item = ET.SubElement(quiz, "question", type="multichoice")
        _text(item, "name", f"{q.qid}: {q.stem[:60]}")
        _text(item, "questiontext", html(q.stem), format="html")
        _text(item, "generalfeedback", sources_html(q), format="html")
        ET.SubElement(item, "defaultgrade").text = "1"
        ET.SubElement(item, "penalty").text = "0.3333333"
        ET.SubElement(item, "hidden").text = "0"
        ET.SubElement(item, "idnumber").text = q.qid
        ET.SubElement(item, "single").text = "true"
        ET.SubElement(item, "shuffleanswers").text = "true"
        ET.SubElement(item, "answernumbering").text = "abc"
        for option in q.choices:
            answer = _text(item, "answer", html(option.text),
                           fraction="100" if option.correct else "0", format="html")
            _text(answer, "feedback", html(option.feedback), format="html")
        tags = ET.SubElement(item, "tags")
        for tag in (objective_tag(q), f"difficulty:{q.difficulty}", "skinlab"):
            _text(tags, "tag", tag)
    ET.indent(quiz)
    return ET.tostring(quiz, encoding="UTF-8", xml_declaration=True)


def _mattext(parent: ET.Element, value: str) -> None:
    material = ET.SubElement(parent, "material")
    ET.SubElement(material, "mattext", texttype="text/html").text = value


def qti_assessment(questions: list[Question], ident: str, title: str) -> bytes:
    """A QTI 1.2 assessment (the dialect Canvas imports) for ``questions``."""
    root = ET.Element("questestinterop", xmlns="http://www.imsglobal.org/xsd/ims_qtiasiv1p2")
    assessment = ET.SubElement(root, "assessment", ident=ident, title=title)
    section = ET.SubElement(assessment, "section", ident="root_section")
    for q in questions:
        item = ET.SubElement(section, "item", ident=q.qid, title=q.qid)
        meta = ET.SubElement(ET.SubElement(item, "itemmetadata"), "qtimetadata")
        answer_ids = [f"{q.qid}-{n}" for n in range(len(q.choices))]
        for label, entry in (("question_type", "multiple_choice_question"),
                             ("points_possible", "1.0"),
                             ("original_answer_ids", ",".join(answer_ids)),
                             ("assessment_question_identifierref", q.qid)):
            field = ET.SubElement(meta, "qtimetadatafield")
            ET.SubElement(field, "fieldlabel").text = label
            ET.SubElement(field, "fieldentry").text = entry
        presentation = ET.SubElement(item, "presentation")
        _mattext(presentation, html(q.stem))
        response = ET.SubElement(presentation, "response_lid", ident="response1",
                                 rcardinality="Single")
        render = ET.SubElement(response, "render_choice")
        for ident, option in zip(answer_ids, q.choices, strict=True):
            _mattext(ET.SubElement(render, "response_label", ident=ident), html(option.text))
        processing = ET.SubElement(item, "resprocessing")
        outcomes = ET.SubElement(processing, "outcomes")
        ET.SubElement(outcomes, "decvar", maxvalue="100", minvalue="0", varname="SCORE",
                      vartype="Decimal")
        for ident in answer_ids:
            condition = ET.SubElement(processing, "respcondition", {"continue": "Yes"})
            ET.SubElement(ET.SubElement(condition, "conditionvar"), "varequal",
                          respident="response1").text = ident
            ET.SubElement(condition, "displayfeedback", feedbacktype="Response",
                          linkrefid=f"{ident}_fb")
        right = answer_ids[q.choices.index(q.answer)]
        condition = ET.SubElement(processing, "respcondition", {"continue": "No"})
        ET.SubElement(ET.SubElement(condition, "conditionvar"), "varequal",
                      respident="response1").text = right
        ET.SubElement(condition, "setvar", action="Set", varname="SCORE").text = "100"
        general = ET.SubElement(item, "itemfeedback", ident="general_fb")
        _mattext(ET.SubElement(general, "flow_mat"), sources_html(q))
        for ident, option in zip(answer_ids, q.choices, strict=True):
            feedback = ET.SubElement(item, "itemfeedback", ident=f"{ident}_fb")
            _mattext(ET.SubElement(feedback, "flow_mat"), html(option.feedback))
    ET.indent(root)
    return ET.tostring(root, encoding="UTF-8", xml_declaration=True)


def manifest(ident: str, title: str) -> bytes:
    """The IMS manifest of a one-assessment content package."""
    ns = "http://www.imsglobal.org/xsd/imsccv1p1/imscp_v1p1"
    root = ET.Element("manifest", identifier=f"{ident}-manifest", xmlns=ns)
    meta = ET.SubElement(root, "metadata")
    ET.SubElement(meta, "schema").text = "IMS Content"
    ET.SubElement(meta, "schemaversion").text = "1.1.3"
    ET.SubElement(root, "organizations")
    resources = ET.SubElement(root, "resources")
    resource = ET.SubElement(resources, "resource", identifier=ident,
                             type="imsqti_xmlv1p2", href=f"{ident}/{ident}.xml")
    ET.SubElement(resource, "file", href=f"{ident}/{ident}.xml")
    ET.indent(root)
    del title  # Canvas takes the title from the assessment itself
    return ET.tostring(root, encoding="UTF-8", xml_declaration=True)


def title_of(notebook: str) -> str:
    return f"skinlab {notebook[:2]} · {notebook[3:].replace('-', ' ')}"


def write(out_dir: Path) -> list[Path]:
    """Write every export into ``out_dir``; return the files written."""
    written = []
    (out_dir / "moodle").mkdir(parents=True, exist_ok=True)
    (out_dir / "canvas").mkdir(parents=True, exist_ok=True)
    everything: list[Question] = []
    for notebook, questions in bank().items():
        notebook_objectives(notebook)  # the notebook exists
        listed = list(questions)
        everything += listed
        path = out_dir / "moodle" / f"{notebook}.xml"
        path.write_bytes(moodle_xml(listed, title_of(notebook)))
        written.append(path)
        ident = f"skinlab-{notebook}"
        package = out_dir / "canvas" / f"{notebook}.zip"
        with zipfile.ZipFile(package, "w", zipfile.ZIP_DEFLATED) as archive:
            archive.writestr("imsmanifest.xml", manifest(ident, title_of(notebook)))
            archive.writestr(f"{ident}/{ident}.xml",
                             qti_assessment(listed, ident, title_of(notebook)))
        written.append(package)
    path = out_dir / "moodle" / "all.xml"
    path.write_bytes(moodle_xml(everything, "all"))
    written.append(path)
    return written


def main(argv: list[str]) -> int:
    out_dir = Path(argv[0]) if argv else ROOT / "build" / "question-bank"
    files = write(out_dir)
    counts = {nb: len(qs) for nb, qs in bank().items()}
    for notebook, count in counts.items():
        print(f"{notebook}: {count} questions")
    total = sum(f.stat().st_size for f in files)
    print(f"wrote {len(files)} files, {total / 1024:.0f} KiB, into {out_dir}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
