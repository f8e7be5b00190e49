#!/usr/bin/env python3
"""Write froi's hostile set into a folder: one sub-folder a case, each with
the files a careless or hostile user might hand froi and a `run` file
naming the `froi` arguments (paths relative to the case's folder).

    scripts/hostile/make.py OUT

Classes (docs/reliability.md, round three): numbers at the edge of the
decimal range, spreadsheets that would abort or exhaust memory, work that
would run for minutes, outputs aimed at inputs, and names that mean two
things. scripts/hostile.sh runs each case and checks the contract: no
panic, abort or hang, no allocation past 2 GB, and no input changed.
Standard library only, so CI needs nothing installed for it.
"""

import os
import shutil
import sys
import zipfile

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
NELC = os.path.join(ROOT, "data", "nelc_2020")


def case(out, name, files, run):
    """One case: its files (name -> text or bytes) and its arguments."""
    folder = os.path.join(out, name)
    os.makedirs(folder, exist_ok=True)
    for file, body in files.items():
        mode = "wb" if isinstance(body, bytes) else "w"
        with open(os.path.join(folder, file), mode) as f:
            f.write(body)
    with open(os.path.join(folder, "run"), "w") as f:
        f.write("\n".join(run) + "\n")


def nelc(out, name, changes, run, extra=None):
    """A case made of the NELC files with some replaced or added."""
    folder = os.path.join(out, name)
    os.makedirs(folder, exist_ok=True)
    for file in os.listdir(NELC):
        shutil.copy(os.path.join(NELC, file), folder)
    for file, (old, new) in changes.items():
        path = os.path.join(folder, file)
        with open(path) as f:
            text = f.read()
        assert old in text, (name, old)
        with open(path, "w") as f:
            f.write(text.replace(old, new, 1))
    case(out, name, extra or {}, run)


def programme(streams=1, years=3, extra=""):
    lines = ['name = "hostile"', "[time]", f"horizon_years = {years}",
             'discounting = "green_book"', 'timing = "year_zero_undiscounted"']
    for i in range(streams):
        lines += ["[[time.benefit]]", f'name = "b{i}"', 'annual = "1000"', f"years = {years}"]
    lines += ["[[time.cost]]", 'name = "service"', 'up_front = "1000"']
    return "\n".join(lines) + "\n" + extra


def monte_carlo(draws, distribution):
    return ("[uncertainty]\ntarget = \"npv\"\n[uncertainty.monte_carlo]\n"
            f"draws = {draws}\nseed = 1\n[[uncertainty.monte_carlo.input]]\n{distribution}\n")


def xlsx(sheet_xml, shared=None):
    """A minimal workbook of one sheet named Families, its XML given."""
    import io
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("[Content_Types].xml",
                   '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
                   '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
                   '<Default Extension="xml" ContentType="application/xml"/>'
                   '<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>'
                   '<Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>'
                   '</Types>')
        z.writestr("_rels/.rels",
                   '<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
                   '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/>'
                   '</Relationships>')
        z.writestr("xl/workbook.xml",
                   '<?xml version="1.0"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" '
                   'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">'
                   '<sheets><sheet name="Families" sheetId="1" r:id="rId1"/></sheets></workbook>')
        rels = ('<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" '
                'Target="worksheets/sheet1.xml"/>')
        if shared is not None:
            rels += ('<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings" '
                     'Target="sharedStrings.xml"/>')
        z.writestr("xl/_rels/workbook.xml.rels",
                   '<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
                   + rels + "</Relationships>")
        with z.open("xl/worksheets/sheet1.xml", "w", force_zip64=True) as f:
            for chunk in sheet_xml():
                f.write(chunk)
        if shared is not None:
            with z.open("xl/sharedStrings.xml", "w", force_zip64=True) as f:
                for chunk in shared():
                    f.write(chunk)
    return buf.getvalue()


HEAD = b'<?xml version="1.0"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>'
TAIL = b"</sheetData></worksheet>"


def corner_cells():
    yield HEAD + b'<row r="1"><c r="A1"><v>1</v></c></row>'
    yield b'<row r="1048576"><c r="XFD1048576"><v>1</v></c></row>' + TAIL


def whitespace(megabytes):
    def body():
        yield HEAD
        block = b" " * (1 << 20)
        for _ in range(megabytes):
            yield block
        yield TAIL
    return body


def many_cells(n):
    def body():
        yield HEAD
        row = 1
        while row * 10 <= n:
            cells = b"".join(b'<c r="%s%d"><v>1</v></c>' % (c, row) for c in [b"A", b"B", b"C", b"D", b"E", b"F", b"G", b"H", b"I", b"J"])
            yield b'<row r="%d">' % row + cells + b"</row>"
            row += 1
        yield TAIL
    return body


def many_strings(n):
    def body():
        yield b'<?xml version="1.0"?><sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
        block = b"<si><t>x</t></si>" * 10000
        for _ in range(n // 10000):
            yield block
        yield b"</sst>"
    return body


def strings_sheet():
    yield HEAD + b'<row r="1"><c r="A1" t="s"><v>0</v></c></row>' + TAIL


def sheet_cases(out):
    for name, book in [
        ("sheet_corner_cells", lambda: xlsx(corner_cells)),
        ("sheet_600mb_whitespace", lambda: xlsx(whitespace(600))),
        ("sheet_11m_cells", lambda: xlsx(many_cells(11_000_000))),
        ("sheet_50m_shared_strings", lambda: xlsx(strings_sheet, many_strings(50_000_000))),
    ]:
        nelc(out, name, {"scenario.toml": ('families = "families.csv"', 'families = "book.xlsx#Families"')},
             ["appraise", "scenario.toml"], {"book.xlsx": book()})


def number_cases(out):
    dist = ('parameter = "discount_rate"\ndistribution = "uniform"\n'
            'low = "0.01"\nhigh = "9000000000000000000000000000"')
    case(out, "rate_drawn_near_the_decimal_limit", {"p.toml": programme(extra=monte_carlo(1000, dist))},
         ["appraise", "p.toml"])
    case(out, "an_amount_at_the_decimal_limit",
         {"p.toml": programme().replace('annual = "1000"', 'annual = "79228162514264337593543950335"')},
         ["appraise", "p.toml"])
    case(out, "a_rate_of_ten_to_the_27",
         {"p.toml": programme().replace('discounting = "green_book"', 'discounting = "1000000000000000000000000000"')},
         ["appraise", "p.toml"])
    nelc(out, "deadweight_ten_to_the_minus_28",
         {"scenario_by_rule.toml": ('fraction = "0.30"', 'fraction = "0.0000000000000000000000000001"')},
         ["appraise", "scenario_by_rule.toml"])
    case(out, "a_thousand_years_at_seven_percent",
         {"p.toml": programme(years=1000).replace('discounting = "green_book"', 'discounting = "0.07"')},
         ["appraise", "p.toml"])


def work_cases(out):
    case(out, "a_csv_header_of_400000_columns",
         {"wide.csv": ",".join(f"c{i}" for i in range(400_000)) + "\n"},
         ["caseload", "wide.csv"])
    dist = 'parameter = "discount_rate"\ndistribution = "uniform"\nlow = "0.01"\nhigh = "0.05"'
    case(out, "ten_million_draws_over_time", {"p.toml": programme(extra=monte_carlo(10_000_000, dist))},
         ["appraise", "p.toml"])
    case(out, "a_big_programme_at_ten_thousand_draws",
         {"p.toml": programme(streams=100, years=100, extra=monte_carlo(10_000, dist))}, ["appraise", "p.toml"])
    pct = monte_carlo(1000, dist).replace("seed = 1", "seed = 1\npercentiles = [" + ", ".join(["50"] * 1001) + "]")
    case(out, "a_thousand_and_one_percentiles", {"p.toml": programme(extra=pct)}, ["appraise", "p.toml"])
    narrow = ('parameter = "discount_rate"\ndistribution = "normal"\nmean = "0.035"\nsd = "0.01"\n'
              'low = "0.065"\nhigh = "0.07"')
    case(out, "a_truncated_normal_keeping_almost_nothing", {"p.toml": programme(extra=monte_carlo(1000, narrow))},
         ["appraise", "p.toml"])
    figures = "".join(f'[[figure]]\nid = "f{i}"\nprinted = "{i + 1}"\nwhere = {{ source = "t" }}\n'
                      + (f'from = {{ sum = ["f{i - 1}", "one"] }}\n' if i else "")
                      for i in range(100_000))
    case(out, "a_publication_of_100000_figures",
         {"printed.toml": 'name = "many"\nsources = { t = "T" }\n[[figure]]\nid = "one"\nprinted = "1"\n'
                          'exact = true\nwhere = { source = "t" }\n' + figures},
         ["audit", "--printed", "printed.toml"])
    case(out, "a_workbook_of_2000_streams_over_1000_years", {"p.toml": programme(streams=2000, years=1000)},
         ["appraise", "p.toml", "--xlsx", "out.xlsx"])
    agencies = programme(streams=249, years=1000)
    agencies = agencies.replace('annual = "1000"', 'annual = "1000"\nagency = "{}"')
    agencies = agencies.format(*(f"agency {i}" for i in range(249)))
    case(out, "a_budget_sheet_of_249_agencies_over_1000_years", {"p.toml": agencies},
         ["appraise", "p.toml", "--budget", "2024-04", "--xlsx", "out.xlsx"])
    case(out, "twenty_thousand_streams_over_1000_years", {"p.toml": programme(streams=20_000, years=1000)},
         ["appraise", "p.toml"])


def options(count, swaps):
    """An options file over p.toml: business as usual, `count` shared options
    (all but the first setting their own cost), and `swaps` switching values
    of the cost between the first two (they swap at a cost of 1,001)."""
    lines = ['name = "hostile"', 'shared = "p.toml"', "[[option]]", 'name = "bau"', 'basis = "do_nothing"']
    lines += ["[[option]]", 'name = "o0"']  # the shared programme: the cost a switching value moves
    for i in range(1, count):
        lines += ["[[option]]", f'name = "o{i}"', "[option.changes]", f'"cost.service.up_front" = "{1000 + i}"']
    for _ in range(swaps):
        lines += ["[[switching]]", 'between = ["o0", "o1"]', 'parameter = "cost.service.up_front"',
                  'low = "1"', 'high = "100000"']
    return "\n".join(lines) + "\n"


def option_cases(out):
    case(out, "ten_thousand_options", {"p.toml": programme(streams=10, years=100), "o.toml": options(10_000, 0)},
         ["options", "o.toml"])
    case(out, "switching_values_past_their_bound",
         {"p.toml": programme(streams=100, years=100), "o.toml": options(2, 5)}, ["options", "o.toml"])
    case(out, "one_switching_value_near_the_bound",
         {"p.toml": programme(streams=100, years=100), "o.toml": options(2, 2)}, ["options", "o.toml"])


def output_cases(out):
    nelc(out, "xlsx_over_the_scenario", {}, ["appraise", "scenario.toml", "--xlsx", "scenario.toml"])
    nelc(out, "xlsx_over_the_unit_values", {}, ["appraise", "scenario.toml", "--xlsx", "unit_values.csv"])
    nelc(out, "output_over_the_family_table", {}, ["appraise", "scenario.toml", "--output", "families.csv"])
    case(out, "printed_audit_over_its_file",
         {"printed.toml": 'name = "x"\nsources = { t = "T" }\n[[figure]]\nid = "a"\nprinted = "1"\nwhere = { source = "t" }\n'},
         ["audit", "--printed", "printed.toml", "--output", "printed.toml"])


def ambiguity_cases(out):
    case(out, "two_cost_streams_of_one_name", {"p.toml": programme() + '[[time.cost]]\nname = "service"\nup_front = "1"\n'},
         ["appraise", "p.toml"])
    case(out, "a_figure_id_twice",
         {"printed.toml": 'name = "x"\nsources = { t = "T" }\n' + '[[figure]]\nid = "a"\nprinted = "1"\nwhere = { source = "t" }\n' * 2},
         ["audit", "--printed", "printed.toml"])
    case(out, "not_utf8", {"p.toml": programme().encode() + b"# \xff\xfe\n"}, ["appraise", "p.toml"])
    case(out, "an_empty_file", {"p.toml": ""}, ["appraise", "p.toml"])


def main():
    out = sys.argv[1]
    os.makedirs(out, exist_ok=True)
    for make in [number_cases, work_cases, option_cases, output_cases, ambiguity_cases, sheet_cases]:
        make(out)


if __name__ == "__main__":
    main()
