"""Words and sentence shapes for the search benchmark's corpus: es, en and pl, with inflected forms.

Each line of a word list is one lemma followed by its inflected forms (plural, cases, persons,
tenses), so the corpus carries the forms a stemmer has to bring together and the queries can ask
for one form of a word while the comments hold another. Sentences are built from templates per
comment kind; agreement is approximate, the words and their forms are real.
"""

NOUNS = {
    "es": """
zapatilla zapatillas
zapato zapatos
suela suelas
talla tallas
color colores
pedido pedidos
envío envíos
devolución devoluciones
precio precios
tienda tiendas
costura costuras
cordón cordones
plantilla plantillas
tela telas
cuero cueros
caja cajas
descuento descuentos
cliente clientes
colección colecciones
modelo modelos
calcetín calcetines
mochila mochilas
chaqueta chaquetas
camiseta camisetas
pantalón pantalones
bolsillo bolsillos
cremallera cremalleras
etiqueta etiquetas
reparación reparaciones
garantía garantías
factura facturas
paquete paquetes
repartidor repartidores
aplicación aplicaciones
web webs
cuenta cuentas
pago pagos
tarjeta tarjetas
oferta ofertas
invierno inviernos
verano veranos
lluvia lluvias
pie pies
tobillo tobillos
talón talones
material materiales
diseño diseños
marca marcas
calidad calidades
semana semanas
""",
    "en": """
shoe shoes
sneaker sneakers
sole soles
size sizes
colour colours
order orders
delivery deliveries
return returns
price prices
store stores
seam seams
lace laces
insole insoles
fabric fabrics
leather leathers
box boxes
discount discounts
customer customers
collection collections
model models
sock socks
backpack backpacks
jacket jackets
shirt shirts
trousers trousers
pocket pockets
zip zips
label labels
repair repairs
warranty warranties
invoice invoices
parcel parcels
courier couriers
app apps
website websites
account accounts
payment payments
card cards
offer offers
winter winters
summer summers
rain rains
foot feet
ankle ankles
heel heels
material materials
design designs
brand brands
quality qualities
week weeks
""",
    "pl": """
but buty butów butami bucie
sznurówka sznurówki sznurówek sznurówkami
podeszwa podeszwy podeszwie podeszwą
rozmiar rozmiary rozmiaru rozmiarze
kolor kolory koloru kolorów
zamówienie zamówienia zamówień zamówieniu
dostawa dostawy dostawie dostaw
zwrot zwroty zwrotu zwrotów
cena ceny cenie cen
sklep sklepy sklepu sklepie
szew szwy szwu szwach
wkładka wkładki wkładkę wkładek
tkanina tkaniny tkaninie tkaniną
skóra skóry skórze skórą
pudełko pudełka pudełku pudełek
rabat rabaty rabatu rabatem
klient klienci klienta klientów
kolekcja kolekcje kolekcji kolekcją
model modele modelu modeli
skarpeta skarpety skarpet skarpetach
plecak plecaki plecaka plecakiem
kurtka kurtki kurtkę kurtce
koszulka koszulki koszulkę koszulek
spodnie spodni spodniach spodniami
kieszeń kieszenie kieszeni kieszeniach
zamek zamki zamka zamku
metka metki metkę metek
naprawa naprawy naprawie napraw
gwarancja gwarancji gwarancję gwarancją
faktura faktury fakturę faktur
paczka paczki paczkę paczek
kurier kurierzy kuriera kurierem
aplikacja aplikacji aplikację aplikacją
strona strony stronie stron
konto konta koncie kont
płatność płatności płatnością
karta karty kartę kartą
oferta oferty ofertę ofert
zima zimy zimie zimą
lato lata latem lecie
deszcz deszcze deszczu deszczem
stopa stopy stopie stóp
kostka kostki kostkę kostce
pięta pięty pięcie piętą
materiał materiały materiału materiałem
projekt projekty projektu projektem
marka marki marce marką
jakość jakości jakością
tydzień tygodnie tygodnia tygodni
""",
}

ADJECTIVES = {
    "es": """
roto rota rotos rotas
cómodo cómoda cómodos cómodas
caro cara caros caras
barato barata baratos baratas
nuevo nueva nuevos nuevas
viejo vieja viejos viejas
pequeño pequeña pequeños pequeñas
grande grandes
ligero ligera ligeros ligeras
pesado pesada pesados pesadas
bonito bonita bonitos bonitas
feo fea feos feas
rápido rápida rápidos rápidas
lento lenta lentos lentas
resistente resistentes
impermeable impermeables
sostenible sostenibles
reciclado reciclada reciclados recicladas
suave suaves
duro dura duros duras
oscuro oscura oscuros oscuras
claro clara claros claras
perfecto perfecta perfectos perfectas
defectuoso defectuosa defectuosos defectuosas
""",
    "en": """
broken
comfortable
expensive
cheap cheaper cheapest
new newer newest
old older oldest
small smaller smallest
big bigger biggest
light lighter lightest
heavy heavier heaviest
nice nicer nicest
ugly uglier
fast faster fastest
slow slower slowest
sturdy sturdier
waterproof
sustainable
recycled
soft softer softest
hard harder
dark darker
bright brighter
perfect
faulty
""",
    "pl": """
zepsuty zepsuta zepsute zepsutego zepsutych
wygodny wygodna wygodne wygodnego wygodnych
drogi droga drogie drogiego drogich
tani tania tanie taniego tanich
nowy nowa nowe nowego nowych
stary stara stare starego starych
mały mała małe małego małych
duży duża duże dużego dużych
lekki lekka lekkie lekkiego lekkich
ciężki ciężka ciężkie ciężkiego ciężkich
ładny ładna ładne ładnego ładnych
brzydki brzydka brzydkie brzydkiego
szybki szybka szybkie szybkiego szybkich
wolny wolna wolne wolnego
wytrzymały wytrzymała wytrzymałe wytrzymałego
wodoodporny wodoodporna wodoodporne wodoodpornych
ekologiczny ekologiczna ekologiczne ekologicznych
miękki miękka miękkie miękkiego
twardy twarda twarde twardego
ciemny ciemna ciemne ciemnego
jasny jasna jasne jasnego
idealny idealna idealne idealnego
wadliwy wadliwa wadliwe wadliwego wadliwych
""",
}

VERBS = {
    "es": """
comprar compré compramos compraron compro compra
romper rompió rompieron rompe rompen
llegar llegó llegaron llega llegan
devolver devolví devolvimos devuelvo devuelve
cambiar cambié cambiamos cambio cambia cambiaron
pagar pagué pagamos pago paga pagaron
esperar esperé esperamos espero espera esperaron
usar usé usamos uso usa usaron
lavar lavé lavamos lavo lava
reparar reparé reparamos reparo repara repararon
pedir pedí pedimos pido pide pidieron
recibir recibí recibimos recibo recibe recibieron
encantar encanta encantan encantó
gustar gusta gustan gustó
quedar queda quedan quedó
durar dura duran duró
desteñir destiñe destiñen destiñó
apretar aprieta aprietan apretó
mojar moja mojan mojó
mejorar mejoré mejoramos mejora mejorar mejoraron
""",
    "en": """
buy bought buying buys
break broke broken breaking breaks
arrive arrived arriving arrives
return returned returning returns
change changed changing changes
pay paid paying pays
wait waited waiting waits
wear wore worn wearing wears
wash washed washing washes
repair repaired repairing repairs
order ordered ordering orders
receive received receiving receives
love loved loving loves
like liked liking likes
fit fitted fitting fits
last lasted lasting lasts
fade faded fading fades
squeeze squeezed squeezing squeezes
soak soaked soaking soaks
improve improved improving improves
""",
    "pl": """
kupić kupiłem kupiłam kupiliśmy kupili kupuję
zepsuć zepsuł zepsuła zepsuło zepsuły psuje
dotrzeć dotarł dotarła dotarło dotarły dociera
zwrócić zwróciłem zwróciłam zwracam zwrócili
wymienić wymieniłem wymieniłam wymieniam wymienili
zapłacić zapłaciłem zapłaciłam płacę zapłacili
czekać czekałem czekałam czekam czekają
nosić nosiłem nosiłam noszę nosi noszą
prać prałem prałam piorę pierze
naprawić naprawiłem naprawiłam naprawiam naprawili
zamówić zamówiłem zamówiłam zamawiam zamówili
otrzymać otrzymałem otrzymałam otrzymuję otrzymali
uwielbiać uwielbiam uwielbia uwielbiają
podobać podoba podobają podobał podobała
pasować pasuje pasują pasował pasowała
wytrzymać wytrzymał wytrzymała wytrzymuje wytrzymały
blaknąć blaknie blakną wyblakł wyblakła
uciskać uciska uciskają uciskał
przemakać przemaka przemakają przemókł
ulepszyć ulepszyć ulepszcie ulepszył ulepszyła
""",
}

# {n} noun, {n2} another noun, {a} adjective, {v} verb, {t} a time phrase.
TEMPLATES = {
    "es": {
        "question": [
            "¿Alguien sabe si {n} {a} se puede {v}?",
            "¿Cuándo {v} el {n} que pedimos hace una {n2}?",
            "¿Hay {n} {a} en otra talla? Quiero {v} el mío.",
            "Hola, ¿cómo puedo {v} la {n} si ya {v} la {n2}?",
        ],
        "complaint": [
            "La {n} está {a} y nadie me contesta. {t} que espero.",
            "Muy mal: {v} el {n} y a los pocos días la {n2} se {v}.",
            "El {n} {a} no es lo que pagué. Quiero {v} la {n2} ya.",
            "Otra vez el {n} llegó {a}; {t} sin respuesta del servicio.",
        ],
        "suggestion": [
            "Propongo una {n} {a} para {v} el {n2} más fácil.",
            "Estaría bien poder {v} la {n} desde la {n2} de la tienda.",
            "Deberían ofrecer {n} {a} y una {n2} más resistente.",
            "Sería genial {v} los {n} viejos y hacer una {n2} nueva.",
        ],
        "praise": [
            "¡Me encanta la {n} {a}! {t} que la uso cada día.",
            "Gracias por el {n} tan {a}, la {n2} es perfecta.",
            "La mejor {n} que he comprado: muy {a} y fácil de {v}.",
            "Todo perfecto con el {n}; la {n2} llegó antes de lo previsto.",
        ],
        "other": [
            "Yo también {v} la {n} {a} {t}.",
            "Comparto mi experiencia con la {n}: {a}, pero la {n2} mejor.",
            "Interesante, no sabía que la {n} se podía {v}.",
            "Lo mismo me pasó con el {n} {a} y la {n2}.",
        ],
    },
    "en": {
        "question": [
            "Does anyone know if the {a} {n} can be {v}?",
            "When will the {n} we {v} a {n2} ago arrive?",
            "Is there a {a} {n} in another size? I want to {v} mine.",
            "Hi, how do I {v} the {n} if I already {v} the {n2}?",
        ],
        "complaint": [
            "The {n} is {a} and nobody answers me. {t} of waiting.",
            "Very bad: I {v} the {n} and after a few days the {n2} {v}.",
            "The {a} {n} is not what I paid for. I want to {v} the {n2} now.",
            "Once again the {n} arrived {a}; {t} without an answer from support.",
        ],
        "suggestion": [
            "I suggest a {a} {n} to make it easier to {v} the {n2}.",
            "It would be nice to {v} the {n} from the {n2} in the store.",
            "You should offer {a} {n} and a sturdier {n2}.",
            "It would be great to {v} old {n} and make a new {n2}.",
        ],
        "praise": [
            "I love the {a} {n}! {t} of wearing it every day.",
            "Thanks for such a {a} {n}, the {n2} is perfect.",
            "The best {n} I have bought: very {a} and easy to {v}.",
            "All perfect with the {n}; the {n2} arrived earlier than expected.",
        ],
        "other": [
            "I also {v} the {a} {n} {t} ago.",
            "Sharing my experience with the {n}: {a}, but the {n2} is better.",
            "Interesting, I did not know the {n} could be {v}.",
            "The same happened to me with the {a} {n} and the {n2}.",
        ],
    },
    "pl": {
        "question": [
            "Czy ktoś wie, czy {a} {n} da się {v}?",
            "Kiedy {v} {n}, które zamówiliśmy {t} temu?",
            "Czy jest {a} {n} w innym rozmiarze? Chcę {v} mój.",
            "Cześć, jak mogę {v} {n}, jeśli już {v} {n2}?",
        ],
        "complaint": [
            "{n} jest {a} i nikt mi nie odpowiada. Czekam już {t}.",
            "Bardzo źle: {v} {n} i po kilku dniach {n2} się {v}.",
            "{a} {n} to nie to, za co zapłaciłem. Chcę {v} {n2} od razu.",
            "Znowu {n} przyszedł {a}; {t} bez odpowiedzi z obsługi.",
        ],
        "suggestion": [
            "Proponuję {a} {n}, żeby łatwiej było {v} {n2}.",
            "Fajnie byłoby móc {v} {n} ze {n2} sklepu.",
            "Powinniście oferować {a} {n} i mocniejszą {n2}.",
            "Byłoby super {v} stare {n} i zrobić nową {n2}.",
        ],
        "praise": [
            "Uwielbiam {a} {n}! Noszę go codziennie od {t}.",
            "Dzięki za tak {a} {n}, {n2} jest idealna.",
            "Najlepszy {n}, jaki kupiłem: bardzo {a} i łatwo go {v}.",
            "Wszystko idealnie z {n}; {n2} przyszła szybciej, niż myślałem.",
        ],
        "other": [
            "Ja też {v} {a} {n} {t} temu.",
            "Dzielę się doświadczeniem z {n}: {a}, ale {n2} lepsza.",
            "Ciekawe, nie wiedziałem, że {n} można {v}.",
            "To samo stało się u mnie z {a} {n} i {n2}.",
        ],
    },
}

TIMES = {
    "es": ["hace dos semanas", "desde hace un mes", "tres días", "todo el invierno", "desde el verano"],
    "en": ["two weeks", "a month", "three days", "all winter", "since the summer"],
    "pl": ["dwa tygodnie", "miesiąc", "trzy dni", "całą zimę", "od lata"],
}

IDEA_TITLES = {
    "es": ["{n} {a} para todos", "Una {n} {a} y {v}", "Poder {v} la {n}", "{n} de {n2} {a}"],
    "en": ["A {a} {n} for everyone", "{a} {n} you can {v}", "Let us {v} the {n}", "{n} made of {a} {n2}"],
    "pl": ["{a} {n} dla wszystkich", "{n}, który można {v}", "Możliwość, by {v} {n}", "{n} z {a} {n2}"],
}

TOPICS = ["sostenibilidad", "sustainability", "zrównoważenie", "diseño", "design", "projekt", "tallas",
          "sizes", "rozmiary", "reparación", "repair", "naprawa"]  # fmt: skip


def word_forms(table: dict[str, str]) -> dict[str, list[list[str]]]:
    """{language: [[lemma, form, form, ...], ...]} from the lists above."""
    return {
        language: [line.split() for line in text.strip().splitlines()] for language, text in table.items()
    }
