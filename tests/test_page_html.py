"""svodka.page.html: HTML page layout on small invented pages (no real news text)."""
from __future__ import annotations

import json

from svodka.page.html import html_layout, visible_lines
from svodka.page.html_meta import split_credit

PARAS = [
    "Жители посёлка Верхние Ключи впервые за десять лет собрали урожай синих тыкв, сообщил "
    "глава сельского совета Пётр Сидоров на встрече с фермерами во вторник.",
    "По его словам, необычный цвет объясняется новым сортом семян, который местный агроном "
    "вывел после долгих опытов в теплице при школе.",
    "Осенью тыквы покажут на областной ярмарке, а часть урожая отдадут в детский сад и "
    "больницу, добавил Сидоров.",
]


def page(head: str = "", body: str = "", title: str | None = None) -> str:
    title_tag = f"<title>{title}</title>" if title else ""
    return f"<html><head><meta charset='utf-8'>{title_tag}{head}</head><body>{body}</body></html>"


def paragraphs(*texts: str) -> str:
    return "".join(f"<p>{t}</p>" for t in texts)


MENU = ("<ul class='menu'><li><a href='/'>Главная</a></li><li><a href='/a'>Политика</a></li>"
        "<li><a href='/b'>Экономика</a></li><li><a href='/c'>Общество</a></li></ul>")
RELATED = ("<div class='related'><h3>Читайте также</h3><ul>"
           + "".join(f"<li><a href='/n{i}'>Другая новость номер {i} про совсем иные события</a></li>"
                     for i in range(5)) + "</ul></div>")
FOOTER = "<div class='footer'>© 2024 Газета «Посёлок». Все права защищены.</div>"


def test_jsonld_news_article_fields():
    ld = {
        "@context": "https://schema.org", "@type": "NewsArticle",
        "headline": "Синие тыквы выросли в Верхних Ключах",
        "alternativeHeadline": "Урожай необычного цвета",
        "datePublished": "2024-09-17T10:30:00+03:00",
        "author": [{"@type": "Person", "name": "Анна Петрова"}, "Иван Смирнов"],
        "articleSection": "Общество",
        "keywords": "сельское хозяйство, тыквы, Верхние Ключи",
        "description": PARAS[0],
    }
    head = f"<script type='application/ld+json'>{json.dumps(ld, ensure_ascii=False)}</script>"
    body = (MENU + "<article><h1>Синие тыквы выросли в Верхних Ключах</h1>"
            + paragraphs(*PARAS) + "</article>" + RELATED + FOOTER)
    r = html_layout(page(head, body, "Синие тыквы выросли в Верхних Ключах - Газета Посёлок"))
    assert r["title"] == "Синие тыквы выросли в Верхних Ключах"
    assert r["alt_titles"] == ["Урожай необычного цвета"]
    assert r["published"] == "2024-09-17"
    assert r["authors"] == ["Анна Петрова", "Иван Смирнов"]
    assert r["rubric"] == "Общество"
    assert r["tags"] == ["сельское хозяйство", "тыквы", "Верхние Ключи"]
    assert r["lead"] == PARAS[0]  # the description repeats the first paragraph
    assert r["body"] == PARAS[1:]
    assert r["language"] == "ru"
    assert "Главная" in r["boilerplate"]
    assert not any("Другая новость" in p for p in r["body"])


def test_date_hint_wins():
    head = "<meta property='article:published_time' content='2024-09-17T10:30:00Z'>"
    body = "<h1>Синие тыквы выросли в Верхних Ключах</h1>" + paragraphs(*PARAS)
    assert html_layout(page(head, body), date="2024-09-18")["published"] == "2024-09-18"
    assert html_layout(page(head, body))["published"] == "2024-09-17"


def test_opengraph_only_page():
    head = ("<meta property='og:title' content='Синие тыквы выросли в Верхних Ключах'>"
            "<meta property='og:description' content='Урожай необычного цвета удивил фермеров.'>"
            "<meta property='article:section' content='Регион'>"
            "<meta property='article:tag' content='тыквы'><meta property='article:tag' content='урожай'>"
            "<meta property='og:url' content='https://www.poselok.example.ru/news/1.html'>"
            "<meta name='author' content='Анна Петрова'>")
    body = (MENU + "<div class='news'><div class='head'>Синие тыквы выросли в Верхних Ключах</div>"
            + paragraphs(*PARAS) + "</div>" + FOOTER)
    r = html_layout(page(head, body, "Газета Посёлок"))
    assert r["title"] == "Синие тыквы выросли в Верхних Ключах"
    assert r["rubric"] == "Регион"
    assert r["tags"] == ["тыквы", "урожай"]
    assert r["authors"] == ["Анна Петрова"]
    assert r["url"] == "https://www.poselok.example.ru/news/1.html"
    assert r["site"] == "example.ru"
    assert r["lead"] is None  # nothing marks a lead: every paragraph is body
    assert r["body"] == PARAS


def test_title_site_suffix_stripped_by_h1():
    body = (MENU + "<h1 class='logo'><a href='/'>Газета Посёлок</a></h1>"
            "<h1>Синие тыквы выросли в Верхних Ключах</h1>" + paragraphs(*PARAS) + RELATED)
    for suffix in (" - Газета Посёлок", " | Посёлок.Ru", " :: Новости :: Посёлок"):
        r = html_layout(page(body=body, title="Синие тыквы выросли в Верхних Ключах" + suffix))
        assert r["title"] == "Синие тыквы выросли в Верхних Ключах"
        assert r["body"] == PARAS  # the headline is not repeated in the body


def test_title_without_h1_comes_from_the_title_tag_part():
    body = (MENU + "<div class='title'>Синие тыквы выросли в Верхних Ключах</div>"
            + paragraphs(*PARAS))
    r = html_layout(page(body=body, title="Газета Посёлок: Синие тыквы выросли в Верхних Ключах"))
    assert r["title"] == "Синие тыквы выросли в Верхних Ключах"


def test_figcaption_and_photo_credits():
    body = ("<h1>Синие тыквы выросли в Верхних Ключах</h1>"
            "<figure><img src='a.jpg'><figcaption>Тыквы на грядке. Фото: Анна Петрова / ТАСС"
            "</figcaption></figure>" + paragraphs(PARAS[0])
            + "<p>(Фото: Александр Кузнецов / ТАСС)</p>" + paragraphs(*PARAS[1:]))
    r = html_layout(page(body=body))
    assert {"caption": "Тыквы на грядке", "credit": "Анна Петрова / ТАСС"} in r["media"]
    assert {"caption": None, "credit": "Александр Кузнецов / ТАСС"} in r["media"]
    assert r["body"] == PARAS
    assert split_credit("Глава совета на поле (Фото: Иван Смирнов / РИА Новости)") == (
        "Глава совета на поле", "Иван Смирнов / РИА Новости")


def test_comments_after_the_article_are_not_body():
    comments = "<div class='comments'><h3>Комментарии</h3>" + "".join(
        f"<div class='c'><b>Гость{i}</b> 18.09.2024 12:0{i}<p>Я тоже видел такие тыквы у соседа, "
        f"только они были зелёные и намного меньше, чем в этой заметке номер {i}.</p></div>"
        for i in range(6)) + "</div>"
    body = "<h1>Синие тыквы выросли в Верхних Ключах</h1>" + paragraphs(*PARAS) + comments
    assert html_layout(page(body=body))["body"] == PARAS


def test_visible_lines_order_and_breaks():
    html = page(body=(
        "<div>Первая <b>строка</b> <a href='#'>со ссылкой</a></div>"
        "<script>var x = 'не видно';</script><style>p {}</style>"
        "<p>Вторая<br>Третья</p><ul><li>Пункт  один</li><li>Пункт два</li></ul>"
        "<table><tr><td>Ячейка</td><td>Соседняя</td></tr></table>"
        "<span>Строчный</span> <em>текст</em><div style='display:none'>скрыто</div>"
        "<noscript>нет</noscript><template><p>шаблон</p></template><div>   </div>хвост"))
    assert visible_lines(html) == [
        "Первая строка со ссылкой", "Вторая", "Третья", "Пункт один", "Пункт два",
        "Ячейка Соседняя", "Строчный текст", "хвост"]  # cells share a row line, as in innerText


def test_deeply_nested_page_does_not_crash():
    depth = 100_000
    html = page(body="<h1>Синие тыквы выросли в Верхних Ключах</h1>" + paragraphs(PARAS[0])
                + "<div>" * depth + "глубоко" + "</div>" * depth)
    lines = visible_lines(html)
    assert lines[:2] == ["Синие тыквы выросли в Верхних Ключах", PARAS[0]]
    r = html_layout(html)
    assert r["title"] == "Синие тыквы выросли в Верхних Ключах"
    assert PARAS[0] in ([r["lead"]] + r["body"])


def test_empty_and_broken_input():
    for html in ("", "   ", "<html>", "not html at all", "<?xml version='1.0'?><p>x</p>"):
        r = html_layout(html)
        assert isinstance(r["body"], list) and isinstance(r["boilerplate"], list)
        assert isinstance(visible_lines(html), list)


def test_the_outlets_own_name_and_a_byline_marked_as_the_author():
    html = page("<meta property='og:site_name' content='Газета «Посёлок»'>",
                "<h1>Синие тыквы в Верхних Ключах</h1><p class='by'><a rel='author' href='/a/ivanova'>Анна Иванова</a></p>"
                + paragraphs(*PARAS) + FOOTER)
    fields = html_layout(html)
    assert fields["site_name"] == "Газета «Посёлок»"
    assert fields["authors"] == ["Анна Иванова"] and "Анна Иванова" not in fields["boilerplate"]
    ld = {"@type": "NewsArticle", "headline": "Синие тыквы", "publisher": {"@type": "Organization", "name": "Посёлок.ру"}}
    html = page(f"<script type='application/ld+json'>{json.dumps(ld, ensure_ascii=False)}</script>",
                "<h1>Синие тыквы</h1>" + paragraphs(*PARAS))
    assert html_layout(html)["site_name"] == "Посёлок.ру"
