import type { ColumnRole, ColumnType, SensitiveCategory } from '../../../shared/types/columns';
import type { TransactionColumns } from '../../../shared/contract/ns/datasets';

export interface RoleSuggestion {
  role: ColumnRole;
  pii: boolean;
  sensitive: boolean;
  sensitiveCategory: SensitiveCategory | null;
}

/** Lowercase, without diacritics, camelCase split, every other character → `_`: "CustomerID" → "customer_id", "Płeć" → "plec". */
export function normaliseName(name: string): string {
  return name
    .replace(/([a-z])([A-Z])/g, '$1_$2')
    .replace(/ł/g, 'l')
    .replace(/Ł/g, 'L')
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '_')
    .replace(/^_+|_+$/g, '');
}

const w = (...words: string[]) => new RegExp(`(^|_)(${words.join('|')})(_|$)`);

// Column-name vocabularies in English, Polish, French, German and Spanish (normalised: no diacritics).
const ID = w('id', 'ids', 'identifier', 'uuid', 'guid', 'customer_no', 'customer_number', 'client_no', 'nr_klienta', 'numer_klienta', 'kundennummer', 'kundennr', 'num_client', 'numero_client', 'numero_cliente');
const EMAIL = w('e_?mail', 'mail', 'email_address', 'adres_e_?mail', 'courriel', 'correo', 'correo_electronico');
const PHONE = w('phone', 'telephone', 'tel', 'mobile', 'cell', 'telefon', 'nr_tel', 'komorka', 'portable', 'handy', 'telefono', 'movil', 'celular');
const PERSON_NAME = w('name', 'first_name', 'last_name', 'firstname', 'lastname', 'surname', 'full_name', 'given_name', 'family_name', 'imie', 'nazwisko', 'nom', 'prenom', 'vorname', 'nachname', 'familienname', 'nombre', 'apellido', 'apellidos');
const ADDRESS = w('address', 'street', 'adres', 'ulica', 'adresse', 'rue', 'strasse', 'anschrift', 'direccion', 'calle', 'domicilio', 'ip', 'ip_address');
const NATIONAL_ID = w('pesel', 'nip', 'ssn', 'social_security', 'passport', 'paszport', 'dowod', 'iban', 'card_number', 'credit_card', 'nir', 'steuer_id', 'dni', 'nie', 'nif');
const GEO = w('country', 'city', 'town', 'region', 'state', 'province', 'county', 'district', 'postal', 'postal_code', 'postcode', 'zip', 'zip_code', 'zipcode', 'kraj', 'miasto', 'miejscowosc', 'wojewodztwo', 'kod_pocztowy', 'pays', 'ville', 'code_postal', 'departement', 'land', 'stadt', 'ort', 'plz', 'bundesland', 'pais', 'ciudad', 'codigo_postal', 'cp', 'provincia', 'latitude', 'longitude', 'lat', 'lon', 'lng', 'location', 'geo');
const GENDER = w('gender', 'sex', 'plec', 'sexe', 'genre', 'geschlecht', 'sexo', 'genero');
const BIRTH = w('birth', 'birth_date', 'birthdate', 'birthday', 'dob', 'date_of_birth', 'year_birth', 'birth_year', 'data_urodzenia', 'rok_urodzenia', 'urodzony', 'date_de_naissance', 'naissance', 'geburtsdatum', 'geburtsjahr', 'fecha_de_nacimiento', 'fecha_nacimiento', 'nacimiento');
const AGE = w('age', 'ages', 'wiek', 'alter', 'edad', 'senior', 'senior_citizen', 'age_group', 'age_band');
const ETHNICITY = w('ethnicity', 'ethnic', 'ethnic_group', 'race', 'pochodzenie', 'etniczne', 'pochodzenie_etniczne', 'ethnie', 'origine', 'ethnische', 'herkunft', 'etnia', 'raza', 'origen');
const RELIGION = w('religion', 'religious', 'faith', 'religia', 'wyznanie', 'konfession', 'religionszugehorigkeit', 'religion');
const HEALTH = w('health', 'medical', 'disability', 'disabled', 'diagnosis', 'zdrowie', 'niepelnosprawnosc', 'choroba', 'sante', 'handicap', 'maladie', 'gesundheit', 'behinderung', 'krankheit', 'salud', 'discapacidad', 'enfermedad', 'pregnant', 'pregnancy');
const MARITAL = w('marital', 'marital_status', 'married', 'stan_cywilny', 'etat_civil', 'situation_familiale', 'familienstand', 'estado_civil');
const NATIONALITY = w('nationality', 'citizenship', 'obywatelstwo', 'narodowosc', 'nationalite', 'staatsangehorigkeit', 'nationalitat', 'nacionalidad', 'ciudadania');
const INCOME = w('income', 'salary', 'wage', 'wages', 'earnings', 'dochod', 'dochody', 'zarobki', 'pensja', 'wynagrodzenie', 'revenu', 'revenus', 'salaire', 'einkommen', 'gehalt', 'ingresos', 'salario', 'sueldo');
const SEXUAL = w('sexual_orientation', 'orientation', 'orientacja', 'orientacion');
const POLITICAL = w('political', 'party', 'union_member', 'trade_union', 'partia', 'politique', 'partei', 'politico');
const DEMOGRAPHIC = w('education', 'occupation', 'job', 'profession', 'employment', 'kids', 'kidhome', 'teenhome', 'children', 'dependents', 'partner', 'household', 'household_size', 'wyksztalcenie', 'zawod', 'dzieci', 'education_level', 'profession', 'enfants', 'bildung', 'beruf', 'kinder', 'educacion', 'ocupacion', 'hijos', 'language', 'jezyk', 'langue', 'sprache', 'idioma');
const CONSENT = w('consent', 'consents', 'opt_in', 'optin', 'opt_out', 'optout', 'gdpr', 'rodo', 'newsletter', 'subscribed', 'unsubscribed', 'marketing_consent', 'zgoda', 'zgody', 'consentement', 'einwilligung', 'consentimiento', 'permission', 'do_not_contact', 'dnc');
const PSYCHO = w('lifestyle', 'interest', 'interests', 'hobby', 'hobbies', 'preference', 'preferences', 'preferred', 'attitude', 'values', 'personality', 'persona', 'motivation', 'styl_zycia', 'zainteresowania', 'style_de_vie', 'interets', 'lebensstil', 'interessen', 'estilo_de_vida', 'intereses');
const BEHAVIOUR = w('orders?', 'purchases?', 'spend', 'spent', 'amount', 'total', 'basket', 'visits?', 'recency', 'frequency', 'monetary', 'tenure', 'churn', 'quantity', 'qty', 'price', 'transactions?', 'mnt\\w*', 'num\\w*', 'campaign', 'accepted\\w*', 'response', 'balance', 'duration', 'charges?', 'score', 'loyalty', 'signup', 'last_\\w+', 'first_\\w+', 'clicks?', 'opens?', 'sessions?', 'returns?', 'zamowienia', 'zakupy', 'wydatki', 'kwota', 'achats', 'commandes', 'montant', 'bestellungen', 'umsatz', 'betrag', 'compras', 'pedidos', 'importe', 'complain', 'invoice\\w*', 'stock\\w*', 'description');

/** Role, PII and sensitive flags suggested from the column name (and type for the fallback). The user can change all of them. */
/** An e-mail, phone or person-name column by its name: what a campaign hand-over needs to reach a customer. */
export function isReachName(name: string): boolean {
  const n = normaliseName(name);
  return EMAIL.test(n) || PHONE.test(n) || PERSON_NAME.test(n);
}

export function suggestRole(name: string, type: ColumnType): RoleSuggestion {
  const n = normaliseName(name);
  const s = (role: ColumnRole, pii: boolean, sensitiveCategory: SensitiveCategory | null = null): RoleSuggestion => ({
    role,
    pii,
    sensitive: sensitiveCategory !== null,
    sensitiveCategory,
  });
  if (CONSENT.test(n)) return s('consent', false);
  if (EMAIL.test(n) || PHONE.test(n) || NATIONAL_ID.test(n)) return s('contact', true);
  if (ID.test(n)) return s('id', false);
  if (GENDER.test(n)) return s('demographic', false, 'gender');
  if (BIRTH.test(n)) return s('demographic', !/year/.test(n) && type !== 'integer', 'age');
  if (AGE.test(n)) return s('demographic', false, 'age');
  if (ETHNICITY.test(n)) return s('demographic', false, 'ethnicity');
  if (RELIGION.test(n)) return s('demographic', false, 'religion');
  if (HEALTH.test(n)) return s('demographic', false, 'health');
  if (MARITAL.test(n)) return s('demographic', false, 'marital');
  if (NATIONALITY.test(n)) return s('demographic', false, 'nationality');
  if (SEXUAL.test(n) || POLITICAL.test(n)) return s('demographic', false, 'other');
  if (INCOME.test(n)) return s('demographic', false, 'financial');
  if (PERSON_NAME.test(n) || ADDRESS.test(n)) return s('contact', true);
  if (GEO.test(n)) return s('geographic', false);
  if (DEMOGRAPHIC.test(n)) return s('demographic', false);
  if (PSYCHO.test(n)) return s('psychographic', false);
  if (BEHAVIOUR.test(n)) return s('behavioural', false);
  if (type === 'integer' || type === 'number' || type === 'date' || type === 'datetime') return s('behavioural', false);
  return s('other', false);
}

/** Names that should stay text even when every value is a number (IDs, postal codes, phone numbers). */
export function isIdentifierName(name: string): boolean {
  const n = normaliseName(name);
  return ID.test(n) || /(^|_)(code|kod|zip|postal|postcode|plz|cp|phone|tel|pesel|nip|ean|sku|iban|nr|no|number|numer|invoice\w*|order|account|konto|ref|reference|ssn)(_|$)/.test(n);
}

const ORDER = w('order_id', 'order_no', 'order_number', 'order', 'invoice', 'invoice_no', 'invoiceno', 'invoice_id', 'receipt', 'transaction_id', 'transaction', 'tx_id', 'zamowienie', 'nr_zamowienia', 'faktura', 'commande', 'facture', 'bestellung', 'bestellnummer', 'rechnung', 'pedido', 'factura');
const CUSTOMER = w('customer', 'customer_id', 'customerid', 'client', 'client_id', 'user_id', 'member_id', 'buyer', 'klient', 'id_klienta', 'kunde', 'kunden_id', 'kundennummer', 'cliente', 'id_cliente');
const DATE = w('date', 'order_date', 'invoice_date', 'purchase_date', 'transaction_date', 'timestamp', 'time', 'created', 'created_at', 'data', 'data_zamowienia', 'datum', 'fecha');
const AMOUNT = w('amount', 'total', 'value', 'revenue', 'sales', 'spend', 'net', 'gross', 'kwota', 'wartosc', 'suma', 'montant', 'betrag', 'umsatz', 'importe', 'monto');
const QUANTITY = w('quantity', 'qty', 'items', 'units', 'ilosc', 'sztuk', 'quantite', 'menge', 'anzahl', 'cantidad', 'unidades');
const PRICE = w('price', 'unit_price', 'unitprice', 'cena', 'cena_jednostkowa', 'prix', 'prix_unitaire', 'preis', 'stuckpreis', 'precio', 'precio_unitario');

/**
 * Dates that describe the customer, not an order: a customer export has them (birth_date, signup_date,
 * last_order_date), and taking one for the order date made such a file look like orders.
 */
const CUSTOMER_DATE = w('birth\\w*', 'born', 'dob', 'birthday', 'urodzenia', 'data_urodzenia', 'naissance', 'geburt\\w*', 'nacimiento', 'signup\\w*', 'sign_up', 'registered', 'registration', 'rejestracji', 'joined', 'since', 'first\\w*', 'last\\w*', 'ostatni\\w*', 'dernier\\w*', 'letzte\\w*', 'ultim\\w*');

/** Detect which columns of an orders file hold the order, customer, date, amount, quantity and price. */
export function detectTransactionColumns(cols: { name: string; type: ColumnType }[]): TransactionColumns {
  const find = (re: RegExp, types?: ColumnType[], exclude: (string | null)[] = [], unless?: RegExp) =>
    cols.find((c) => re.test(normaliseName(c.name)) && (!types || types.includes(c.type)) && !exclude.includes(c.name) && !(unless && unless.test(normaliseName(c.name))))?.name ?? null;
  const numeric: ColumnType[] = ['integer', 'number'];
  // An order number is text or a whole number; "last_order_date" or "orders_count" are about the customer.
  const identifier: ColumnType[] = ['text', 'integer', 'category'];
  const customer = find(CUSTOMER, identifier);
  const order = find(ORDER, identifier, [customer], /(^|_)(count|counts|number_of|total|sum|avg|average|date|last|first)(_|$)/);
  const isDate = (c: { type: ColumnType }) => c.type === 'date' || c.type === 'datetime';
  const date =
    find(DATE, ['date', 'datetime'], [], CUSTOMER_DATE) ?? cols.find((c) => isDate(c) && !CUSTOMER_DATE.test(normaliseName(c.name)))?.name ?? null;
  const amount = find(AMOUNT, numeric);
  const quantity = find(QUANTITY, numeric);
  const price = find(PRICE, numeric, [amount]);
  return { order, customer, date, amount, quantity, price };
}

/** Default dataset name: base name without extension, lowercased, every other character → `_`. */
export function datasetNameFromFile(file: string): string {
  const base = file.split(/[\\/]/).pop() ?? file;
  const stem = base.includes('.') ? base.slice(0, base.lastIndexOf('.')) : base;
  const name = stem.toLowerCase().replace(/[^a-z0-9_]/g, '_');
  return name || 'dataset';
}
