"""Writes demo/warc/crawl.warc.gz: an invented crawl of the invented city site «Городские вести».

Run from the repository root (or anywhere) with the project's venv:

    .venv/bin/python demo/make_warc.py

One ``warcinfo`` record, then for each page a ``request`` record and a ``response`` record
with its HTTP headers (status line, Content-Type with charset, Date, Server …). WARC-Date
is the moment of the crawl, a few minutes after the page was published, so that readers
which take the date from the archive get the publication day. Record ids are derived from
the URLs, so the output is the same on every run. All text is invented for svodka's demo.
"""
from __future__ import annotations

import html
import uuid
from datetime import datetime, timedelta, timezone
from email.utils import format_datetime
from io import BytesIO
from pathlib import Path

from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

OUT = Path(__file__).resolve().parent / "warc" / "crawl.warc.gz"
SITE = "https://gorvesti.example"
CRAWL_DELAY = timedelta(minutes=7)

# (path, published "YYYY-MM-DD HH:MM" Moscow time, rubric, title, lead, photo caption, credit, author, paragraphs)
PAGES = [
    ("/news/2025/06/28/ekaterinburg-gibel-zaderzhannyh.html", "2025-06-28 12:30", "Происшествия",
     "В Екатеринбурге двое задержанных скончались после полицейской операции",
     "Девять уроженцев Азербайджана задержаны по делу о вымогательстве. СК проверяет обстоятельства гибели двоих из них.",
     "Полицейские автомобили у оптовой базы в Екатеринбурге", "Вадим Ершов / Урал-Фото", "Алексей Пономарёв",
     ["Полиция Екатеринбурга 27 июня провела серию обысков у членов азербайджанской общины города. Задержаны девять человек, которых подозревают в вымогательстве у продавцов оптовой овощной базы.",
      "Двое задержанных скончались в тот же день. По версии полиции, мужчинам стало плохо после доставки в отдел. «Сотрудники действовали в рамках закона», — заявил официальный представитель ГУ МВД по Свердловской области Виктор Лапин.",
      "Следственный комитет начал проверку. Родственники погибших настаивают на независимой экспертизе, а посольство Азербайджана запросило разъяснения у МИД России."]),
    ("/news/2025/05/24/noch-muzeev.html", "2025-05-24 23:10", "Культура",
     "«Ночь музеев» в Москве собрала рекордные 700 тысяч посетителей",
     "В акции участвовали более 300 площадок. Самые длинные очереди выстроились в планетарий и на крышу Дома книги.",
     "Очередь у входа в планетарий", "Ольга Сурикова / Городские вести", "Вера Антипова",
     ["Ежегодная акция «Ночь музеев» в субботу, 24 мая, собрала в Москве около 700 тысяч посетителей, сообщили в столичном департаменте культуры. Это рекорд за всю историю проведения акции.",
      "Свои двери до полуночи открыли более 300 музеев, галерей, библиотек и выставочных залов. Впервые в программе участвовали несколько научных институтов, показавших посетителям свои лаборатории.",
      "«Люди приходят не только за экспозицией, но и за атмосферой: ночью город выглядит иначе», — рассказала куратор акции Анастасия Рябинина."]),
    ("/news/2025/07/17/rossiya-vyslala-diplomata.html", "2025-07-17 15:20", "Политика",
     "Россия объявила персоной нон грата дипломата посольства Азербайджана",
     "Ответ Москвы последовал на следующий день после высылки российского дипломата из Баку.",
     "Смоленская площадь", "Денис Рябов / Объектив", "Алексей Пономарёв",
     ["МИД России 17 июля объявил персоной нон грата советника посольства Азербайджана в Москве и дал ему 72 часа на выезд из страны. Ноту вручили послу Тимуру Абдуллаеву.",
      "Накануне азербайджанская сторона выслала советника посольства России в Баку. Официальный представитель МИД России Олег Сабуров назвал ответ «зеркальным».",
      "Кризис в отношениях двух стран развивается с конца июня, когда в Екатеринбурге погибли двое задержанных уроженцев Азербайджана, а в Баку затем арестовали российских граждан."]),
    ("/news/2025/10/09/putin-i-aliev-v-dushanbe.html", "2025-10-09 21:05", "Политика",
     "Путин и Алиев договорились о нормализации отношений",
     "Встреча президентов прошла в Душанбе на полях саммита СНГ.",
     "Президенты России и Азербайджана в Душанбе", "Александр Лыков / Объектив", "Вера Антипова",
     ["Владимир Путин и Ильхам Алиев встретились 9 октября в Душанбе. Это первая личная встреча президентов после летнего обострения отношений.",
      "Российский президент выразил соболезнования семьям 38 человек, погибших в катастрофе самолета AZAL под Актау в декабре 2024 года, и пообещал выплату компенсаций.",
      "«Разговор был откровенным и очень нужным», — рассказал пресс-секретарь президента России Дмитрий Песков. Министерствам иностранных дел поручено подготовить шаги по нормализации."]),
    ("/news/2025/12/10/pervyy-silnyy-snegopad.html", "2025-12-10 09:40", "Город",
     "Первый сильный снегопад зимы: в Москве ввели «желтый» уровень опасности",
     "За ночь выпало до 10 сантиметров снега. Городские службы работают в усиленном режиме.",
     "Уборка снега на Тверской улице", "Ольга Сурикова / Городские вести", "Вера Антипова",
     ["Ночью 10 декабря на Москву обрушился первый по-настоящему зимний снегопад. Высота снежного покрова к утру достигла 10 сантиметров, в городе объявлен «желтый» уровень погодной опасности.",
      "На уборку улиц вышли около 11 тысяч единиц техники. Водителей просят не парковаться у обочин и по возможности отказаться от поездок на личном автомобиле.",
      "По прогнозу синоптиков, снег продолжится до вечера четверга, после чего ударит мороз до минус 12 градусов."]),
    ("/news/2025/12/24/putin-pozdravil-alieva.html", "2025-12-24 15:45", "Политика",
     "Путин поздравил Алиева с 64-летием в телефонном разговоре",
     "Президенты России и Азербайджана подтвердили курс на союзнические отношения.",
     "Ильхам Алиев", "Тофик Бабаев / Объектив", "Алексей Пономарёв",
     ["Президент России Владимир Путин 24 декабря позвонил Ильхаму Алиеву и поздравил его с днем рождения. К разговору присоединилась первый вице-президент Азербайджана Мехрибан Алиева.",
      "По данным Кремля, стороны подтвердили обоюдный настрой на укрепление союзнических отношений и договорились о новых личных контактах.",
      "Пресс-секретарь президента России Дмитрий Песков сообщил, что разговор был очень теплым. Президенты обсудили и выполнение договоренностей, достигнутых на встрече в Душанбе в октябре."]),
]

MENU = ["Город", "Политика", "Происшествия", "Культура", "Транспорт", "Афиша"]


def page_html(path, published, rubric, title, lead, caption, credit, author, paragraphs, feed):
    e = html.escape
    menu = "".join(f'<li><a href="/{i}/">{m}</a></li>' for i, m in enumerate(MENU, 1))
    day, time = published.split()
    y, m, d = day.split("-")
    body = "\n".join(f"<p>{e(p)}</p>" for p in paragraphs)
    lenta = "\n".join(f'<li><span class="time">{t}</span> <a href="{p}">{e(h)}</a></li>' for p, t, h in feed)
    return f"""<!DOCTYPE html>
<html lang="ru">
<head>
<meta charset="utf-8">
<title>{e(title)} | Городские вести</title>
<meta name="description" content="{e(lead)}">
<meta property="og:title" content="{e(title)}">
<meta property="og:site_name" content="Городские вести">
<meta property="og:url" content="{SITE}{path}">
<link rel="stylesheet" href="/css/site.css">
</head>
<body>
<div class="wrapper">
<div class="header"><a href="/" class="logo">Городские вести</a>
<ul class="topmenu">{menu}</ul>
<div class="header-weather">Москва, сегодня</div></div>
<div class="main">
<div class="news-item">
<div class="news-rubric">{e(rubric)}</div>
<h1>{e(title)}</h1>
<div class="news-date">{d}.{m}.{y} {time}</div>
<div class="news-text">
<p class="anons"><b>{e(lead)}</b></p>
<div class="photo"><img src="/upload/{y}{m}{d}/photo.jpg" alt="{e(caption)}"><div class="caption">{e(caption)}. Фото: {e(credit)}</div></div>
{body}
</div>
<div class="source">Автор: {e(author)}</div>
</div>
<div class="lenta"><div class="lenta-title">Лента новостей</div>
<ul>
{lenta}
</ul></div>
</div>
<div class="footer">© 2025 «Городские вести». Все права защищены. Сетевое издание. 12+<br>
<a href="/about/">О проекте</a> · <a href="/adv/">Реклама</a> · <a href="/contacts/">Контакты</a></div>
</div>
</body>
</html>
"""


def record_id(kind: str, url: str) -> str:
    return f"<urn:uuid:{uuid.uuid5(uuid.NAMESPACE_URL, kind + ':' + url)}>"


def main() -> None:
    OUT.parent.mkdir(parents=True, exist_ok=True)
    pages = sorted(PAGES, key=lambda p: p[1])
    with open(OUT, "wb") as stream:
        writer = WARCWriter(stream, gzip=True)
        info = writer.create_warcinfo_record(OUT.name, {
            "software": "svodka demo/make_warc.py (warcio)",
            "format": "WARC File Format 1.1",
            "description": "Invented pages of the invented site gorvesti.example, for svodka's demo",
        })
        info.rec_headers.replace_header("WARC-Date", "2025-12-24T13:00:00Z")
        info.rec_headers.replace_header("WARC-Record-ID", record_id("warcinfo", OUT.name))
        writer.write_record(info)
        for k, (path, published, rubric, title, lead, caption, credit, author, paras) in enumerate(pages):
            url = SITE + path
            crawled = datetime.fromisoformat(published + ":00+03:00") + CRAWL_DELAY
            warc_date = crawled.astimezone(timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")
            feed = [(p[0], p[1].split()[1], p[3]) for p in reversed(pages[:k])][:4]
            payload = page_html(path, published, rubric, title, lead, caption, credit, author, paras,
                                feed).encode("utf-8")
            req = StatusAndHeaders(f"GET {path} HTTP/1.1", [
                ("Host", "gorvesti.example"), ("User-Agent", "svodka-demo-crawler/1.0"),
                ("Accept", "text/html"), ("Accept-Language", "ru")], is_http_request=True)
            request = writer.create_warc_record(url, "request", http_headers=req, warc_headers_dict={
                "WARC-Date": warc_date, "WARC-Record-ID": record_id("request", url)})
            http_date = format_datetime(crawled, usegmt=False)
            resp = StatusAndHeaders("200 OK", [
                ("Server", "nginx"), ("Date", http_date),
                ("Content-Type", "text/html; charset=utf-8"),
                ("Content-Length", str(len(payload))),
                ("Cache-Control", "max-age=60"), ("Connection", "close")], protocol="HTTP/1.1")
            response = writer.create_warc_record(url, "response", payload=BytesIO(payload),
                                                 http_headers=resp, warc_headers_dict={
                "WARC-Date": warc_date, "WARC-Record-ID": record_id("response", url)})
            request.rec_headers.add_header("WARC-Concurrent-To", record_id("response", url))
            writer.write_record(request)
            writer.write_record(response)


if __name__ == "__main__":
    main()
