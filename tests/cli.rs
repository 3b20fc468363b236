//! The `redflag` command line, run as a user would: built-in bundles, plain and JSON-lines
//! input, reports, lint and test on good and broken bundles, and the compiled document.

// Native only: runs the CLI / uses proptest, neither of which exists on wasm32.
#![cfg(not(target_arch = "wasm32"))]

use std::io::Write;
use std::path::PathBuf;
use std::process::{Command, Output, Stdio};

fn redflag(args: &[&str], stdin: &str) -> Output {
    let mut child = Command::new(env!("CARGO_BIN_EXE_redflag"))
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("redflag runs");
    // The tool may exit before reading its input (e.g. on a broken bundle): ignore EPIPE.
    let _ = child.stdin.take().unwrap().write_all(stdin.as_bytes());
    child.wait_with_output().unwrap()
}

fn stdout(o: &Output) -> String {
    String::from_utf8(o.stdout.clone()).unwrap()
}

fn stderr(o: &Output) -> String {
    String::from_utf8(o.stderr.clone()).unwrap()
}

fn json_lines(o: &Output) -> Vec<serde_json::Value> {
    stdout(o)
        .lines()
        .map(|l| serde_json::from_str(l).expect("each output line is JSON"))
        .collect()
}

fn temp_dir(name: &str) -> PathBuf {
    let d = std::env::temp_dir().join(format!("redflag-test-{}-{name}", std::process::id()));
    let _ = std::fs::remove_dir_all(&d);
    std::fs::create_dir_all(&d).unwrap();
    d
}

const RISKY_RU: &str = "Требуются девушки 18-25 в VIP-салон, высокий доход от 5000 в день, опыт не нужен. Фото в купальнике в лс";
const ORDINARY_RU: &str =
    "Требуется бухгалтер в ООО «Ромашка», официальное трудоустройство по ТК РФ";

#[test]
fn scan_plain_text_one_verdict_per_line_in_order() {
    let o = redflag(&["scan"], &format!("{RISKY_RU}\n{ORDINARY_RU}\n"));
    assert!(o.status.success(), "{}", stderr(&o));
    let v = json_lines(&o);
    assert_eq!(v.len(), 2);
    assert_eq!(v[0]["level"], "danger");
    assert_eq!(v[1]["level"], "none");
    let ev = v[0]["evidence"].as_array().unwrap();
    assert!(!ev.is_empty());
    // evidence offsets are UTF-16 offsets into the line
    let utf16: Vec<u16> = RISKY_RU.encode_utf16().collect();
    for e in ev {
        let (s, t) = (
            e["start"].as_u64().unwrap() as usize,
            e["end"].as_u64().unwrap() as usize,
        );
        assert_eq!(
            String::from_utf16(&utf16[s..t]).unwrap(),
            e["text"].as_str().unwrap()
        );
    }
    assert!(v[0]["categories"]
        .as_array()
        .unwrap()
        .iter()
        .any(|c| c == "recruitment"));
}

#[test]
fn scan_jsonl_echoes_ids_and_uses_the_language_for_support() {
    let input = format!(
        "{}\n{}\n",
        serde_json::json!({"id": "a1", "lang": "uk", "text": "Робота за кордоном для дівчат 18-25, квитки та житло оплачуємо, висока зарплата, досвід не потрібен. Паспорт зберігається у роботодавця"}),
        serde_json::json!({"id": 7, "text": "Hello"}),
    );
    let o = redflag(&["scan", "--jsonl"], &input);
    assert!(o.status.success(), "{}", stderr(&o));
    let v = json_lines(&o);
    assert_eq!(v[0]["id"], "a1");
    assert_eq!(v[1]["id"], 7);
    let support: Vec<&str> = v[0]["support"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s.as_str().unwrap())
        .collect();
    assert!(support.iter().any(|s| s.starts_with("ua-")), "{support:?}");
    assert!(
        support.iter().any(|s| s.starts_with("intl-")),
        "{support:?}"
    );
}

/// The region of each support id, from the compiled default document.
fn support_regions() -> std::collections::HashMap<String, String> {
    let o = redflag(&["compile"], "");
    assert!(o.status.success(), "{}", stderr(&o));
    let doc: serde_json::Value = serde_json::from_str(&stdout(&o)).unwrap();
    doc["support"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| {
            (
                e["id"].as_str().unwrap().to_string(),
                e["region"].as_str().unwrap().to_string(),
            )
        })
        .collect()
}

#[test]
fn scan_without_region_or_lang_takes_the_help_from_the_post_language() {
    let regions = support_regions();
    let posts = [
        (RISKY_RU, "RU"),
        ("Tražimo devojke 18-25 za rad u inostranstvu, plaćen smeštaj i karte, zarada 3000 evra mesečno, javi se u inbox.", "RS"),
        ("Тільки дівчата 18-25 на роботу хостес за кордоном. Квитки та візу оплачуємо, житло надаємо.", "UA"),
        ("Kërkojmë vajza 18-25 për punë jashtë vendit, udhëtimi dhe banimi të paguara, pagë e lartë.", "AL"),
    ];
    let input: String = posts.iter().map(|(t, _)| format!("{t}\n")).collect();
    let o = redflag(&["scan"], &input);
    assert!(o.status.success(), "{}", stderr(&o));
    for ((text, want), v) in posts.iter().zip(json_lines(&o)) {
        let ids: Vec<&str> = v["support"]
            .as_array()
            .unwrap()
            .iter()
            .map(|s| s.as_str().unwrap())
            .collect();
        let local: Vec<&str> = ids
            .iter()
            .map(|id| regions[*id].as_str())
            .filter(|r| *r != "intl")
            .collect();
        assert!(
            !local.is_empty(),
            "{want}: regional help for {text}: {ids:?}"
        );
        assert!(
            local.iter().all(|r| r == want),
            "{want}: only that region's services: {ids:?}"
        );
        assert_eq!(regions[ids[0]], *want, "{want} first: {ids:?}");
        assert_eq!(
            regions[*ids.last().unwrap()],
            "intl",
            "then the international ones: {ids:?}"
        );
    }
    // An English post suggests no region: international help only.
    let o = redflag(&["scan"], "Girls only 18-25 wanted for hostess work abroad, flights and visa paid, high pay, no experience needed.\n");
    let v = &json_lines(&o)[0];
    assert_ne!(v["level"], "none");
    for id in v["support"].as_array().unwrap() {
        assert_eq!(regions[id.as_str().unwrap()], "intl", "{v}");
    }
    // The person's choice wins over the post.
    let o = redflag(&["scan", "--region", "UA"], &format!("{RISKY_RU}\n"));
    let v = &json_lines(&o)[0];
    assert_eq!(regions[v["support"][0].as_str().unwrap()], "UA", "{v}");
    let o = redflag(&["scan", "--region", "intl"], &format!("{RISKY_RU}\n"));
    for id in json_lines(&o)[0]["support"].as_array().unwrap() {
        assert_eq!(regions[id.as_str().unwrap()], "intl");
    }
}

#[test]
fn scan_takes_the_region_of_a_stated_language_without_phrases_from_the_document() {
    let regions = support_regions();
    let doc = redflag(&["compile"], "");
    let doc: serde_json::Value = serde_json::from_str(&stdout(&doc)).unwrap();
    // bs/language.toml browser_regions; mk: services (rules/support/MK.toml) but no folder
    assert_eq!(
        doc["browser_regions"]["cnr"], "ME",
        "{}",
        doc["browser_regions"]
    );
    assert_eq!(doc["browser_regions"]["me"], "ME");
    assert_eq!(doc["browser_regions"]["mk"], "MK");
    // the phrases' languages keep only their folders' default_region
    assert!(doc["language_regions"].get("me").is_none());
    let text = "Tražimo devojke 18-25 za rad u inostranstvu, plaćen smeštaj i karte, zarada 3000 evra mesečno, javi se u inbox.";
    let cases = [
        ("mk", "MK"),
        ("cnr", "ME"),
        ("me", "ME"),
        ("sr", "RS"),
        ("bs", "BA"),
    ];
    let input: String = cases
        .iter()
        .map(|(lang, _)| {
            format!(
                "{}\n",
                serde_json::json!({"id": lang, "lang": lang, "text": text})
            )
        })
        .collect();
    let o = redflag(&["scan", "--jsonl"], &input);
    assert!(o.status.success(), "{}", stderr(&o));
    for ((lang, want), v) in cases.iter().zip(json_lines(&o)) {
        let first = v["support"][0]
            .as_str()
            .unwrap_or_else(|| panic!("{lang}: {v}"));
        assert_eq!(regions[first], *want, "lang {lang}: {v}");
    }
}

#[test]
fn lint_lists_every_unconfirmed_number() {
    let o = redflag(&["lint"], "");
    let out = stdout(&o);
    let list = out
        .split("unconfirmed support numbers")
        .nth(1)
        .expect("lint has the list of unconfirmed numbers");
    let doc = redflag(&["compile"], "");
    let doc: serde_json::Value = serde_json::from_str(&stdout(&doc)).unwrap();
    let mut n = 0;
    for e in doc["support"].as_array().unwrap() {
        if e["status"] == "unconfirmed" {
            for field in ["phone", "sms"] {
                if let Some(number) = e[field].as_str() {
                    n += 1;
                    let line = list
                        .lines()
                        .find(|l| l.contains(e["id"].as_str().unwrap()))
                        .unwrap_or_else(|| panic!("{} not listed:\n{list}", e["id"]));
                    assert!(line.contains(number), "{line}");
                }
            }
        }
    }
    assert!(
        n >= 2,
        "the directory still has unconfirmed numbers (ASTRA SOS, AL 116 006)"
    );
}

#[test]
fn scan_reports_bad_json_lines_with_their_line_number() {
    let o = redflag(
        &["scan", "--jsonl"],
        "{\"text\": \"ok\"}\n{\"txt\": 1}\nnot json\n",
    );
    assert_eq!(o.status.code(), Some(1));
    let err = stderr(&o);
    assert!(
        err.contains("<stdin>:2: the object has no \"text\" field"),
        "{err}"
    );
    assert!(err.contains("<stdin>:3:"), "{err}");
    let v = json_lines(&o);
    assert_eq!(v.len(), 3, "one output line per input line");
    assert_eq!(v[1]["line"], 2);
}

#[test]
fn scan_text_format_highlights_the_evidence() {
    let o = redflag(
        &["scan", "--format", "text", "--region", "RU"],
        &format!("{RISKY_RU}\n"),
    );
    let out = stdout(&o);
    assert!(out.contains("danger"), "{out}");
    assert!(out.contains("⟦"), "{out}");
    assert!(out.contains("risk sign:"), "{out}");
}

#[test]
fn explain_shows_normalization_matches_and_breakdown() {
    let o = redflag(
        &[
            "explain",
            "Tpебуютcя",
            "дeвушки",
            "в",
            "VIP-салон,",
            "высокий",
            "доход",
        ],
        "",
    );
    assert!(o.status.success(), "{}", stderr(&o));
    let out = stdout(&o);
    assert!(
        out.contains("normalized: требуются девушки в vip салон высокии доход"),
        "{out}"
    );
    assert!(out.contains("family women_only"), "{out}");
    assert!(out.contains("combination"), "{out}");
    assert!(out.contains("level:"), "{out}");
}

#[test]
fn lint_and_test_pass_on_the_built_in_bundles() {
    let o = redflag(&["lint"], "");
    assert!(o.status.success(), "{}", stdout(&o));
    assert!(stdout(&o).contains("0 error(s)"));
    assert!(stdout(&o).contains("unconfirmed support numbers"));
    let o = redflag(&["test"], "");
    assert!(o.status.success(), "{}", stdout(&o));
    assert!(stdout(&o).contains(" passed, 0 failed"));
}

#[test]
fn broken_bundles_are_refused_with_file_line_and_field() {
    let d = temp_dir("broken");
    std::fs::write(
        d.join("xx.toml"),
        "[bundle]\nid = \"xx\"\ntitle = \"t\"\nversion = \"1\"\nlanguages = [\"ru\"]\nlicence = \"x\"\nmaintainer = \"m\"\n\n[[signal]]\nid = \"xx.a\"\nfamily = \"no_such_family\"\nphrases = [\"девушки\"]\n",
    )
    .unwrap();
    let o = redflag(&["--bundle", d.to_str().unwrap(), "scan"], "text\n");
    assert_eq!(o.status.code(), Some(2));
    let err = stderr(&o);
    assert!(
        err.contains("xx.toml:11: signal[0] \"xx.a\".family"),
        "{err}"
    );
    assert!(err.contains("unknown family \"no_such_family\""), "{err}");
    assert!(
        stdout(&o).is_empty(),
        "nothing is classified with a broken bundle"
    );

    let o = redflag(&["lint", d.to_str().unwrap()], "");
    assert_eq!(o.status.code(), Some(1));
    assert!(stdout(&o).contains("xx.toml:11"));
}

#[test]
fn a_single_language_bundle_gets_the_core_model() {
    let d = temp_dir("single");
    std::fs::write(
        d.join("xx.toml"),
        "[bundle]\nid = \"xx\"\ntitle = \"t\"\nversion = \"1\"\nlanguages = [\"en\"]\nlicence = \"x\"\nmaintainer = \"m\"\n\n[[signal]]\nid = \"xx.a\"\nfamily = \"image_abuse\"\nfloor = \"warning\"\nphrases = [\"swap pics of exes\"]\n\n[[example]]\ntext = \"we swap pics of exes here\"\nat_least = \"warning\"\n",
    )
    .unwrap();
    let o = redflag(&["test", d.to_str().unwrap()], "");
    assert!(o.status.success(), "{}{}", stdout(&o), stderr(&o));
    assert!(stdout(&o).contains("1 passed, 0 failed"));
}

#[test]
fn compiled_document_loads_and_classifies_like_the_toml() {
    let d = temp_dir("compile");
    let out = d.join("bundle.json");
    let o = redflag(&["compile", "-o", out.to_str().unwrap()], "");
    assert!(o.status.success(), "{}", stderr(&o));
    let json = std::fs::read_to_string(&out).unwrap();
    let doc: serde_json::Value = serde_json::from_str(&json).unwrap();
    assert_eq!(doc["format"], redflag::FORMAT_VERSION);
    let from_json = redflag::Engine::from_json(&[("bundle.json", &json)]).unwrap();
    let from_toml = redflag::Engine::new(&redflag::authoring::default_set().unwrap()).unwrap();
    for text in [
        RISKY_RU,
        ORDINARY_RU,
        "girls only, high pay, send bikini photos to DM",
    ] {
        let opts = redflag::Options::default();
        assert_eq!(
            from_json.classify(text, &opts),
            from_toml.classify(text, &opts),
            "{text}"
        );
    }
    // and the same document through --bundle
    let o = redflag(
        &["--bundle", out.to_str().unwrap(), "scan"],
        &format!("{RISKY_RU}\n"),
    );
    assert_eq!(json_lines(&o)[0]["level"], "danger");
}

#[test]
fn eval_reports_recall_and_shares() {
    let d = temp_dir("eval");
    let f = d.join("c.jsonl");
    std::fs::write(
        &f,
        format!(
            "{}\n{}\n",
            serde_json::json!({"id": "p", "lang": "ru", "kind": "positive", "expect": "danger", "text": RISKY_RU}),
            serde_json::json!({"id": "n", "lang": "ru", "kind": "hard_negative", "expect": "none", "text": ORDINARY_RU}),
        ),
    )
    .unwrap();
    let o = redflag(&["eval", "--json", f.to_str().unwrap()], "");
    assert!(o.status.success(), "{}", stderr(&o));
    let v: serde_json::Value = serde_json::from_str(&stdout(&o)).unwrap();
    let r = &v["files"][0];
    assert_eq!(r["recall"], 1.0);
    assert_eq!(r["precision"], 1.0);
    assert_eq!(r["overall"]["tn"], 1);
    assert_eq!(r["by_language"]["ru"]["tp"], 1);
}

#[test]
fn bundles_are_signed_verified_and_tampering_is_refused() {
    let d = temp_dir("sign");
    let name = d.join("ngo");
    let o = redflag(&["bundle", "keygen", name.to_str().unwrap()], "");
    assert!(o.status.success(), "{}", stderr(&o));
    let (key, public) = (d.join("ngo.key"), d.join("ngo.pub"));
    let doc = d.join("b.json");
    let signed = d.join("b.signed.json");
    assert!(redflag(&["compile", "-o", doc.to_str().unwrap()], "")
        .status
        .success());
    let o = redflag(
        &[
            "bundle",
            "sign",
            "--key",
            key.to_str().unwrap(),
            doc.to_str().unwrap(),
            "-o",
            signed.to_str().unwrap(),
        ],
        "",
    );
    assert!(o.status.success(), "{}", stderr(&o));

    let verify = || {
        redflag(
            &[
                "bundle",
                "verify",
                "--key",
                public.to_str().unwrap(),
                signed.to_str().unwrap(),
            ],
            "",
        )
    };
    let o = verify();
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(stdout(&o).starts_with("ok: signed by"));
    // loads with --trust, refused without
    let args = |trust: bool| {
        let mut v = vec!["--bundle", signed.to_str().unwrap()];
        if trust {
            v.extend(["--trust", public.to_str().unwrap()]);
        }
        v.push("scan");
        v
    };
    assert_eq!(
        json_lines(&redflag(&args(true), &format!("{RISKY_RU}\n")))[0]["level"],
        "danger"
    );
    let o = redflag(&args(false), "x\n");
    assert_eq!(o.status.code(), Some(2));
    assert!(
        stderr(&o).contains("not among the trusted"),
        "{}",
        stderr(&o)
    );

    // one changed byte inside the signed document
    let text = std::fs::read_to_string(&signed).unwrap();
    let tampered = text.replacen("danger", "dangex", 1);
    assert_ne!(text, tampered);
    std::fs::write(&signed, tampered).unwrap();
    let o = verify();
    assert_eq!(o.status.code(), Some(1));
    assert!(stderr(&o).contains("does not match"), "{}", stderr(&o));
}

#[test]
fn explain_says_in_plain_words_why() {
    let o = redflag(
        &[
            "explain",
            "Работа для девушек за границей, билеты оплачиваем. По данным полиции, так вербуют.",
        ],
        "",
    );
    let out = stdout(&o);
    assert!(out.contains("in plain words:"), "{out}");
    assert!(out.contains("families of risk signs"), "{out}");
    assert!(out.contains("lowers the score"), "{out}");
    assert!(out.contains("Result: none, because"), "{out}");
    let o = redflag(&["explain", "Погода сегодня хорошая"], "");
    assert!(stdout(&o).contains("No phrase of the loaded bundles appears"));
}

#[test]
fn eval_baseline_lists_what_a_rule_edit_changes() {
    let d = temp_dir("baseline");
    // the "old" rules: the built-in ones without the English photo-request phrases, laid out
    // as before language folders (rules/bundles/<lang>.toml, rules/support/<REGION>.toml), so
    // a copy of the rules from an older version still works as a baseline
    let src = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("rules");
    let old = d.join("old");
    std::fs::create_dir_all(old.join("bundles")).unwrap();
    std::fs::create_dir_all(old.join("support")).unwrap();
    std::fs::copy(src.join("core.toml"), old.join("bundles/core.toml")).unwrap();
    for e in std::fs::read_dir(src.join("support")).unwrap().flatten() {
        std::fs::copy(e.path(), old.join("support").join(e.file_name())).unwrap();
    }
    for lang in redflag::authoring::layout::language_dirs(&src).unwrap() {
        let code = lang.file_name().unwrap().to_string_lossy().to_string();
        if code != "en" {
            std::fs::copy(
                lang.join("bundle.toml"),
                old.join(format!("bundles/{code}.toml")),
            )
            .unwrap();
        }
        if lang.join("support.toml").is_file() {
            std::fs::copy(
                lang.join("support.toml"),
                old.join(format!("support/{code}.toml")),
            )
            .unwrap();
        }
    }
    let corpus = d.join("c.jsonl");
    std::fs::write(
        &corpus,
        format!(
            "{}\n{}\n",
            serde_json::json!({"id": "en-risky", "lang": "en", "expect": "danger", "text": "Girls only 18-23, high pay, no experience needed, send full body pics to DM"}),
            serde_json::json!({"id": "ru-risky", "lang": "ru", "expect": "danger", "text": RISKY_RU}),
        ),
    )
    .unwrap();
    let o = redflag(
        &[
            "eval",
            "--baseline",
            old.to_str().unwrap(),
            corpus.to_str().unwrap(),
        ],
        "",
    );
    assert!(o.status.success(), "{}", stderr(&o));
    let out = stdout(&o);
    assert!(out.starts_with("2 posts: 1 changed level"), "{out}");
    // without the English bundle the post keeps at most a caution from English words other
    // bundles list ("girls" in a Serbian class): the edit is what lifts it to danger
    let line = out.lines().find(|l| l.contains("en-risky: ")).unwrap_or("");
    assert!(
        (line.contains(": none -> ") || line.contains(": caution -> "))
            && line.ends_with("-> danger, expected danger: better"),
        "{out}"
    );
    assert!(!out.contains("ru-risky"), "{out}");
}

#[test]
fn scan_jobs_keeps_the_input_order_and_every_message() {
    // many posts (more than one batch per worker), bad lines among them, both formats
    let mut input = String::new();
    for i in 0..1500 {
        match i % 300 {
            7 => input.push_str("{\"no_text\": 1}\n"),
            8 => input.push_str("not json\n"),
            9 => input.push('\n'),
            _ => input.push_str(&format!(
                "{{\"id\": {i}, \"text\": \"Пост {i}: требуются девушки {} за границу, высокий доход\"}}\n",
                18 + i % 9
            )),
        }
    }
    // (from a file: the output is larger than a pipe holds while the input is written)
    let file = temp_dir("scan-jobs").join("posts.jsonl");
    std::fs::write(&file, &input).unwrap();
    let file = file.to_str().unwrap();
    for format in ["json", "text"] {
        let one = redflag(
            &["scan", "--jsonl", "--format", format, "--jobs", "1", file],
            "",
        );
        let id = |o: &Output| (stdout(o), stderr(o), o.status.code());
        for jobs in ["2", "5"] {
            let many = redflag(
                &["scan", "--jsonl", "--format", format, "--jobs", jobs, file],
                "",
            );
            assert!(id(&one) == id(&many), "--jobs {jobs} --format {format}");
        }
        assert_eq!(one.status.code(), Some(1));
    }
    let one = redflag(&["scan", "--jsonl", "--jobs", "1", file], "");
    assert_eq!(json_lines(&one).len(), 1500 - 5);
    assert!(stderr(&one).contains(":8: the object has no \"text\" field"));
    assert!(redflag(&["scan", "--jobs", "0"], "x").status.code() == Some(2));
}

fn json(o: &Output) -> serde_json::Value {
    serde_json::from_str(&stdout(o)).unwrap_or_else(|e| panic!("{e}: {}", stdout(o)))
}

#[test]
fn lint_json_gives_every_problem_with_its_code_and_place() {
    let o = redflag(&["lint", "--json"], "");
    assert!(o.status.success(), "{}", stdout(&o));
    let r = json(&o);
    assert_eq!(r["errors"], 0);
    let problems = r["problems"].as_array().unwrap();
    assert_eq!(r["warnings"].as_u64().unwrap() as usize, problems.len());
    let astra = problems
        .iter()
        .find(|p| {
            p["code"] == "unconfirmed-number"
                && p["field"].as_str().unwrap().contains("rs-astra-sos")
        })
        .expect("the unconfirmed Serbian number is a warning with its code");
    assert_eq!(astra["severity"], "warning");
    assert!(astra["file"].as_str().unwrap().ends_with("sr/support.toml"));
    assert!(astra["line"].as_u64().unwrap() > 0);

    // a broken bundle: the same codes, file and line as the text report, exit 1
    let d = temp_dir("lint-json");
    std::fs::write(
        d.join("xx.toml"),
        "[bundle]\nid = \"xx\"\ntitle = \"t\"\nversion = \"1\"\nlicence = \"x\"\nmaintainer = \"m\"\n\n[[signal]]\nid = \"xx.a\"\nfamily = \"no_such_family\"\nphrases = [\"девушки\"]\n\n[[signal]]\nid = \"xx.a\"\nfamily = \"high_pay\"\nphrases = [\"деньги\"]\n",
    )
    .unwrap();
    let o = redflag(&["lint", "--json", d.to_str().unwrap()], "");
    assert_eq!(o.status.code(), Some(1));
    let r = json(&o);
    let codes: Vec<&str> = r["problems"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|p| p["severity"] == "error")
        .map(|p| p["code"].as_str().unwrap())
        .collect();
    assert_eq!(codes, ["unknown-family", "duplicate-id"], "{r}");
    let p = &r["problems"][0];
    assert_eq!(p["line"], 10);
    assert_eq!(p["field"], "signal[0] \"xx.a\".family");

    // files that cannot be read at all: still one JSON object
    std::fs::write(d.join("xx.toml"), "[bundle\n").unwrap();
    let o = redflag(&["lint", "--json", d.to_str().unwrap()], "");
    assert_eq!(o.status.code(), Some(1));
    assert_eq!(json(&o)["problems"][0]["code"], "syntax");
}

#[test]
fn lint_deny_unconfirmed_fails_for_a_region_that_shows_an_unconfirmed_number() {
    let o = redflag(&["lint", "--region", "RS", "--deny-unconfirmed"], "");
    assert_eq!(o.status.code(), Some(1), "{}", stdout(&o));
    assert!(stdout(&o).contains("+381 11 785 0000"), "{}", stdout(&o));
    let o = redflag(
        &["lint", "--json", "--region", "RS", "--deny-unconfirmed"],
        "",
    );
    let r = json(&o);
    let denied: Vec<&serde_json::Value> = r["problems"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|p| p["code"] == "unconfirmed-for-region")
        .collect();
    assert_eq!(denied.len(), 1, "{r}");
    assert!(denied[0]["field"]
        .as_str()
        .unwrap()
        .contains("rs-astra-sos"));
    // Albania's unconfirmed number is not shown in Serbia, and every MK entry is confirmed
    assert!(!stdout(&o).contains("al-116006\\\".status"));
    let o = redflag(&["lint", "--region", "MK", "--deny-unconfirmed"], "");
    assert!(o.status.success(), "{}", stdout(&o));
    // knowingly allowed: a warning, exit 0; an allowance for nothing is pointed out
    let o = redflag(
        &[
            "lint",
            "--region",
            "RS",
            "--deny-unconfirmed",
            "--allow-unconfirmed",
            "rs-astra-sos",
            "--allow-unconfirmed",
            "mk-la-strada-sos",
        ],
        "",
    );
    assert!(o.status.success(), "{}", stdout(&o));
    assert!(stdout(&o).contains("allowed by --allow-unconfirmed"));
    assert!(stdout(&o).contains("--allow-unconfirmed mk-la-strada-sos: not an unconfirmed entry"));
    // --deny-unconfirmed needs a region
    assert_eq!(
        redflag(&["lint", "--deny-unconfirmed"], "").status.code(),
        Some(2)
    );
}

#[test]
fn test_json_counts_and_lists_failures() {
    let o = redflag(&["test", "--json"], "");
    assert!(o.status.success());
    let r = json(&o);
    assert!(r["passed"].as_u64().unwrap() > 100);
    assert_eq!(r["failed"], 0);
    assert_eq!(r["failures"], serde_json::json!([]));

    let d = temp_dir("test-json");
    std::fs::write(
        d.join("xx.toml"),
        "[bundle]\nid = \"xx\"\ntitle = \"t\"\nversion = \"1\"\nlicence = \"x\"\nmaintainer = \"m\"\n\n[[example]]\ntext = \"обычный текст\"\nexpect = \"danger\"\n\n[[example]]\ntext = \"другой текст\"\nat_most = \"caution\"\n",
    )
    .unwrap();
    let o = redflag(&["test", "--json", d.to_str().unwrap()], "");
    assert_eq!(o.status.code(), Some(1));
    let r = json(&o);
    assert_eq!(
        (r["passed"].as_u64(), r["failed"].as_u64()),
        (Some(1), Some(1))
    );
    let f = &r["failures"][0];
    assert!(f["file"].as_str().unwrap().ends_with("xx.toml"));
    assert_eq!(f["line"], 9);
    assert_eq!(f["text"], "обычный текст");
    assert_eq!(f["expected"], "danger");
    assert_eq!(f["got"], "none");
}

#[test]
fn languages_json_lists_every_folder_with_its_keys() {
    let o = redflag(&["languages", "--json"], "");
    assert!(o.status.success(), "{}", stderr(&o));
    let all = json(&o);
    let all = all.as_array().unwrap();
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("rules/languages");
    let mut folders: Vec<String> = std::fs::read_dir(&root)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| !n.starts_with('_') && !n.starts_with('.'))
        .collect();
    folders.sort();
    let codes: Vec<&str> = all.iter().map(|l| l["code"].as_str().unwrap()).collect();
    assert_eq!(codes, folders);
    // every key of the file, as written
    let sr = all.iter().find(|l| l["code"] == "sr").unwrap();
    let file: toml::Table =
        toml::from_str(&std::fs::read_to_string(root.join("sr/language.toml")).unwrap()).unwrap();
    for (k, v) in &file {
        assert_eq!(sr[k], serde_json::to_value(v).unwrap(), "{k}");
    }
    assert_eq!(sr["default_region"], "RS");
    // a rules directory given explicitly: the same list
    let o = redflag(
        &[
            "languages",
            "--json",
            root.parent().unwrap().to_str().unwrap(),
        ],
        "",
    );
    assert_eq!(json(&o).as_array().unwrap().len(), folders.len());
    // a broken language.toml is an error that says where
    let d = temp_dir("languages");
    std::fs::create_dir_all(d.join("languages/xx")).unwrap();
    std::fs::write(
        d.join("languages/xx/language.toml"),
        "code = \"yy\"\nname = \"X\"\nnative_name = \"X\"\n",
    )
    .unwrap();
    let o = redflag(&["languages", "--json", d.to_str().unwrap()], "");
    assert_eq!(o.status.code(), Some(1));
    assert!(
        stderr(&o).contains("xx/language.toml:1: code"),
        "{}",
        stderr(&o)
    );
}

#[test]
fn ui_cyrillic_converts_the_serbian_interface_but_not_placeholders() {
    let file = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("rules/languages/sr/ui.json");
    let o = redflag(&["ui-cyrillic", file.to_str().unwrap()], "");
    assert!(o.status.success(), "{}", stderr(&o));
    let latin: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(&file).unwrap()).unwrap();
    let cyr = json(&o);
    assert_eq!(
        cyr["level_warning"], "Више знакова ризика",
        "{}",
        latin["level_warning"]
    );
    assert_eq!(cyr["regions"]["US"], "САД");
    // the same keys, the same placeholders, and no Serbian Latin letter left outside them
    fn walk(l: &serde_json::Value, c: &serde_json::Value, n: &mut usize) {
        match (l, c) {
            (serde_json::Value::Object(l), serde_json::Value::Object(c)) => {
                assert_eq!(l.keys().collect::<Vec<_>>(), c.keys().collect::<Vec<_>>());
                for (k, v) in l {
                    walk(v, &c[k], n);
                }
            }
            (serde_json::Value::String(l), serde_json::Value::String(c)) => {
                let holes = |s: &str| -> Vec<String> {
                    s.split('{')
                        .skip(1)
                        .map(|p| p.split('}').next().unwrap().to_string())
                        .collect()
                };
                assert_eq!(holes(l), holes(c), "{l} → {c}");
                let outside: String = c
                    .split('{')
                    .enumerate()
                    .map(|(i, p)| {
                        if i == 0 {
                            p
                        } else {
                            p.split_once('}').map_or(p, |x| x.1)
                        }
                    })
                    .collect::<String>()
                    .replace("redflag compile", "")
                    .replace("redflag", "")
                    .replace(".json", "");
                assert!(
                    !outside
                        .chars()
                        .flat_map(char::to_lowercase)
                        .any(|ch| "abcčćdđefghijklmnoprsštuvzž".contains(ch)),
                    "Latin left in {c}"
                );
                *n += 1;
            }
            (l, c) => assert_eq!(l, c),
        }
    }
    let mut n = 0;
    walk(&latin, &cyr, &mut n);
    assert!(n > 100, "{n} strings");
    assert_eq!(
        redflag(&["ui-cyrillic", "/no/such/ui.json"], "")
            .status
            .code(),
        Some(1)
    );
}
