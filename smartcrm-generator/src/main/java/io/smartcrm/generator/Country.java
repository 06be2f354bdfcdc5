package io.smartcrm.generator;

/**
 * Where simulated customers live: names, cities, currency, time zone and phone number plans (national and
 * international form of each plan; {@code x} is filled with the customer's digits, giving valid numbers).
 */
enum Country {
    GB("GB", "GBR", "United Kingdom", "UK", 0.25, Catalogue.GBP, 0,
            new String[] {"London", "Manchester", "Birmingham", "Leeds", "Glasgow", "Bristol", "Edinburgh"},
            new String[] {"Amelia", "Olivia", "Isla", "Emily", "Sophie", "Grace", "Chloë"},
            new String[] {"Oliver", "George", "Harry", "Jack", "Charlie", "Thomas", "Oscar"},
            new String[] {"Smith", "Jones", "Taylor", "Brown", "Williams", "Wilson", "Evans", "Roberts", "O'Brien",
                    "Walker"},
            new String[][] {{"020 7xxx xxxx", "+44 20 7xxx xxxx"}, {"0161 4xx xxxx", "+44 161 4xx xxxx"},
                    {"07834 xxxxxx", "+44 7834 xxxxxx"}}),
    DE("DE", "DEU", "Germany", "germany", 0.22, Catalogue.EUR, 1,
            new String[] {"Berlin", "Hamburg", "München", "Köln", "Frankfurt am Main", "Stuttgart", "Leipzig"},
            new String[] {"Mia", "Hannah", "Emma", "Lena", "Marie", "Sophie", "Jana"},
            new String[] {"Lukas", "Leon", "Finn", "Jonas", "Paul", "Felix", "Jürgen"},
            new String[] {"Müller", "Schmidt", "Schneider", "Fischer", "Weber", "Meyer", "Wagner", "Becker",
                    "Köhler", "Groß"},
            new String[][] {{"(030) 2xxxxxx", "+49 30 2xxxxxx"}, {"089 3xxxxxx", "+49 89 3xxxxxx"},
                    {"0170 1xxxxxx", "+49 170 1xxxxxx"}}),
    US("US", "USA", "United States", "USA", 0.13, Catalogue.USD, -5,
            new String[] {"New York", "Chicago", "Austin", "Seattle", "Boston", "Denver"},
            new String[] {"Olivia", "Emma", "Ava", "Sophia", "Isabella", "Madison"},
            new String[] {"James", "Michael", "William", "David", "Daniel", "Ethan"},
            new String[] {"Johnson", "Williams", "Garcia", "Miller", "Davis", "Rodriguez", "Martinez", "Anderson"},
            new String[][] {{"(415) 2xx-xxxx", "+1 415-2xx-xxxx"}, {"(312) 28x-xxxx", "+1 312-28x-xxxx"},
                    {"(206) 3xx-xxxx", "+1 206-3xx-xxxx"}}),
    FR("FR", "FRA", "France", "france", 0.15, Catalogue.EUR, 1,
            new String[] {"Paris", "Lyon", "Marseille", "Toulouse", "Lille", "Nantes"},
            new String[] {"Léa", "Chloé", "Manon", "Camille", "Inès", "Zoé"},
            new String[] {"Louis", "Gabriel", "Hugo", "Jules", "Théo", "Raphaël"},
            new String[] {"Martin", "Bernard", "Dubois", "Lefèvre", "Moreau", "Laurent", "Girard", "Roux"},
            new String[][] {{"01 42 xx xx xx", "+33 1 42 xx xx xx"}, {"06 12 xx xx xx", "+33 6 12 xx xx xx"},
                    {"04 72 xx xx xx", "+33 4 72 xx xx xx"}}),
    NL("NL", "NLD", "Netherlands", "The Netherlands", 0.10, Catalogue.EUR, 1,
            new String[] {"Amsterdam", "Rotterdam", "Utrecht", "Eindhoven", "Den Haag"},
            new String[] {"Emma", "Julia", "Tess", "Sophie", "Zoë"},
            new String[] {"Daan", "Sem", "Lucas", "Levi", "Bram"},
            new String[] {"de Jong", "Jansen", "de Vries", "van den Berg", "Bakker", "Visser", "Smit"},
            new String[][] {{"020 5xx xxxx", "+31 20 5xx xxxx"}, {"06 1xxxxxxx", "+31 6 1xxxxxxx"},
                    {"010 2xx xxxx", "+31 10 2xx xxxx"}}),
    IE("IE", "IRL", "Ireland", "Republic of Ireland", 0.07, Catalogue.EUR, 0,
            new String[] {"Dublin", "Cork", "Galway", "Limerick"},
            new String[] {"Aoife", "Niamh", "Saoirse", "Ciara"},
            new String[] {"Seán", "Conor", "Cian", "Darragh"},
            new String[] {"Murphy", "Kelly", "O'Sullivan", "Walsh", "Byrne", "Ryan"},
            new String[][] {{"01 2xx xxxx", "+353 1 2xx xxxx"}, {"087 1xx xxxx", "+353 87 1xx xxxx"},
                    {"021 2xx xxxx", "+353 21 2xx xxxx"}}),
    ES("ES", "ESP", "Spain", "spain", 0.08, Catalogue.EUR, 1,
            new String[] {"Madrid", "Barcelona", "Valencia", "Sevilla", "Bilbao"},
            new String[] {"Lucía", "Sofía", "Martina", "María"},
            new String[] {"Hugo", "Martín", "Pablo", "Álvaro"},
            new String[] {"García", "Fernández", "López", "Martínez", "Sánchez", "Pérez"},
            new String[][] {{"912 xx xx xx", "+34 912 xx xx xx"}, {"612 xx xx xx", "+34 612 xx xx xx"},
                    {"932 xx xx xx", "+34 932 xx xx xx"}});

    final String code;
    final String alpha3;
    final String englishName;
    /** Another spelling a standardizer maps to the code (an alias, or the name in another case). */
    final String alias;
    final double share;
    final int currency;
    final int utcOffsetHours;
    final String[] cities;
    final String[] femaleNames;
    final String[] maleNames;
    final String[] lastNames;
    final String[][] phonePlans;

    Country(String code, String alpha3, String englishName, String alias, double share, int currency,
            int utcOffsetHours, String[] cities, String[] femaleNames, String[] maleNames, String[] lastNames,
            String[][] phonePlans) {
        this.code = code;
        this.alpha3 = alpha3;
        this.englishName = englishName;
        this.alias = alias;
        this.share = share;
        this.currency = currency;
        this.utcOffsetHours = utcOffsetHours;
        this.cities = cities;
        this.femaleNames = femaleNames;
        this.maleNames = maleNames;
        this.lastNames = lastNames;
        this.phonePlans = phonePlans;
    }
}
