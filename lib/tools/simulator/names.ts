/*
 * Word lists for the synthetic directory. Names are deliberately international: apostrophes,
 * accents, hyphens and non-Latin-1 letters are what break CSV exports, searches and sorts in
 * real directories, so the demo data must carry them.
 */

export const FIRST_NAMES = [
  "Aaliyah", "Aarav", "Abigail", "Adaeze", "Aditi", "Adrián", "Agnieszka", "Ahmed", "Aiko", "Aisha",
  "Akira", "Alejandro", "Alessandro", "Alexei", "Ali", "Alice", "Amara", "Amelia", "Amir", "Ana",
  "Anders", "Andrea", "Anh", "Ann-Marie", "Anna", "Anouk", "Antoine", "Arjun", "Astrid", "Ayesha",
  "Beatriz", "Benjamin", "Bianca", "Björn", "Bongani", "Bruno", "Camila", "Carlos", "Caroline", "Chen",
  "Chiamaka", "Chloé", "Chris", "Claire", "Dana", "Daniel", "Daniela", "Darius", "David", "Deepika",
  "Diego", "Dmitri", "Dong-hyun", "Efua", "Elena", "Elif", "Elijah", "Elizabeth", "Emeka", "Emily",
  "Emma", "Erik", "Esther", "Ethan", "Eun-ji", "Fatima", "Felipe", "Finn", "Francesca", "François",
  "Freya", "Gabriel", "Giulia", "Grace", "Gustavo", "Hana", "Hannah", "Haruto", "Hassan", "Helga",
  "Hiroshi", "Hugo", "Ibrahim", "Ines", "Ingrid", "Isabella", "Isaac", "Ivan", "Jack", "Jakub",
  "James", "Jamal", "Jana", "Javier", "Jean-Luc", "Jennifer", "Ji-woo", "Jia", "João", "Jonas",
  "Jordan", "José", "Julia", "Julián", "Kai", "Kamala", "Karim", "Katarzyna", "Kemal", "Kenji",
  "Khadija", "Kofi", "Laila", "Lars", "Laura", "Leila", "Leon", "Liam", "Lin", "Lucas",
  "Lucía", "Luis", "Łukasz", "Maeve", "Magnus", "Malik", "Mara", "Marcus", "María", "Mark",
  "Mateo", "Matthew", "Maya", "Mei", "Mehmet", "Mia", "Michael", "Miguel", "Mikhail", "Ming",
  "Mohammed", "Nadia", "Naledi", "Naomi", "Nathan", "Neha", "Nikhil", "Nina", "Noah", "Nomvula",
  "Oliver", "Olivia", "Omar", "Oscar", "Paolo", "Patricia", "Pedro", "Pierre", "Priya", "Rafael",
  "Rahul", "Ravi", "Rebecca", "Renée", "Ricardo", "Rin", "Rohan", "Rosa", "Ryan", "Sakura",
  "Samuel", "Sara", "Sebastián", "Seo-yeon", "Shira", "Siddharth", "Simone", "Siobhán", "Sipho", "Sofia",
  "Søren", "Sophie", "Stefan", "Sun", "Sven", "Tamar", "Tanvir", "Tariq", "Thabo", "Thomas",
  "Tomás", "Tunde", "Valentina", "Victor", "Vikram", "Wei", "William", "Xin", "Yara", "Yasmin",
  "Yosef", "Yuki", "Yusuf", "Zainab", "Zara", "Zhang Wei", "Zoë", "Zuzana",
] as const;

export const LAST_NAMES = [
  "Abara", "Abdullah", "Acheampong", "Adeyemi", "Agarwal", "Ahmed", "Alvarez", "Andersen", "Anderson", "Araújo",
  "Bakker", "Banerjee", "Becker", "Bergström", "Bianchi", "Brown", "Campbell", "Castillo", "Chatterjee", "Chen",
  "Cho", "Clarke", "Costa", "Cruz", "D'Angelo", "D'Souza", "Dang", "Davies", "de la Cruz", "De Luca",
  "Diallo", "Dimitrov", "Dubois", "Dupont", "Eriksen", "Evans", "Fernández", "Ferreira", "Fischer", "Fitzgerald",
  "Fontaine", "García", "Ghosh", "Gómez", "González", "Gupta", "Haddad", "Hansen", "Hashemi", "Hernández",
  "Hoffmann", "Horvath", "Hughes", "Ibrahim", "Ito", "Ivanova", "Jackson", "Jansen", "Jensen", "Johansson",
  "Johnson", "Jones", "Kaplan", "Kapoor", "Kariuki", "Kato", "Kaur", "Khan", "Kim", "Kobayashi",
  "Kowalski", "Kozlov", "Kumar", "Larsen", "Laurent", "Lee", "Lefèvre", "Li", "Lindqvist", "Liu",
  "López", "MacDonald", "Mahlangu", "Maier", "Mañana", "Martin", "Martínez", "McCarthy", "Mehta", "Mendoza",
  "Menon", "Meyer", "Miller", "Moreau", "Morales", "Mukherjee", "Müller", "Murphy", "Mwangi", "N'Diaye",
  "Nakamura", "Nascimento", "Nguyen", "Nielsen", "Novák", "Nowak", "Nuñez", "O'Brien", "O'Connor", "O'Neill",
  "Obi", "Okafor", "Okonkwo", "Ólafsdóttir", "Oliveira", "Olsen", "Ortiz", "Osei", "Owusu", "Park",
  "Patel", "Pereira", "Petrov", "Phan", "Popescu", "Quinn", "Rahman", "Ramírez", "Rao", "Reddy",
  "Reyes", "Richter", "Rivera", "Robinson", "Rodríguez", "Romano", "Rossi", "Russo", "Saito", "Santos",
  "Sato", "Schmidt", "Schneider", "Schulz", "Sharma", "Silva", "Singh", "Smith", "Smith-Jones", "Sokolov",
  "Suzuki", "Svensson", "Takahashi", "Tanaka", "Taylor", "Thompson", "Tran", "Tshabalala", "Van der Berg", "Vargas",
  "Verma", "Vogel", "Wagner", "Walker", "Wang", "Watanabe", "Weber", "White", "Williams", "Wilson",
  "Wiśniewski", "Wong", "Wright", "Wu", "Xu", "Yamamoto", "Yang", "Yilmaz", "Yoshida", "Young",
  "Zhang", "Zhao", "Zhou", "Zimmermann", "Żukowski",
] as const;

/** Email local-part fragment for a name: ASCII, lower case, letters, digits and hyphens only. */
export function slug(name: string): string {
  return name
    .normalize("NFD")
    .replace(/[\u0300-\u036f]/g, "")
    .replace(/ł/g, "l")
    .replace(/Ł/g, "L")
    .replace(/ø/g, "o")
    .replace(/Ø/g, "O")
    .replace(/ß/g, "ss")
    .replace(/æ/g, "ae")
    .toLowerCase()
    .replace(/[' ]/g, "")
    .replace(/[^a-z0-9-]/g, "");
}

/** Nicknames used for quoted-nickname full names (`Robert "Bob" Smith`). */
export const NICKNAMES = ["Bob", "Liz", "DJ", "Sunny", "Max", "Kiki", "Ace", "Teddy"] as const;
export const NAME_SUFFIXES = [", Jr.", ", PhD", ", III", ", Esq."] as const;
export const EMOJI = ["🚀", "🌻", "🦊", "☕"] as const;

/** Email domains with their share of people: the company's own, and contractors'. */
export const EMAIL_DOMAINS = [
  { domain: "acme.com", weight: 55 },
  { domain: "acme.co.uk", weight: 12 },
  { domain: "acme-labs.io", weight: 10 },
  { domain: "acme.de", weight: 5 },
  { domain: "globex-consulting.com", weight: 6 },
  { domain: "initech-contractors.io", weight: 5 },
  { domain: "umbrella-staffing.net", weight: 4 },
  { domain: "hooli.xyz", weight: 3 },
] as const;

export const PARENT_ORGANIZATION_NAME = "Acme Corporation";

export const ORG_DIVISIONS = [
  "Engineering", "Legal", "Research", "Sales", "Marketing", "Finance", "People Operations", "Customer Support",
  "Security", "Design", "Data Science", "Operations", "Product", "IT", "Procurement", "Compliance",
  "Platform", "Mobile", "Infrastructure", "Partnerships", "Communications", "Strategy", "Risk & Audit", "R&D",
  "Labs, Inc.", "Café Ops", "Public Sector", "Education",
] as const;

export const ORG_REGIONS = [
  "", "EMEA", "APAC", "Americas", "UK", "Germany", "Japan", "India", "Brazil", "Canada", "France", "Australia",
] as const;

/** The first group: every member of the largest organization, synced from the IdP. */
export const ALL_STAFF_GROUP_NAME = "Okta - All Staff";

/** Group names: SCIM groups read like an IdP's, direct ones like a team's. Shared prefixes on purpose. */
export const SCIM_GROUP_NAMES = [
  "Engineering", "Engineering Leads", "engineering-oncall", "Eng - Platform", "Legal", "Legal Hold Reviewers",
  "Finance", "Finance-APAC", "Sales EMEA", "Sales Americas", "Security", "Security Champions", "Okta - Contractors", "okta-admins", "SG-Research-US", "SG-Research-EU", "Data Science", "Support Tier 2",
  "Design System", "IT Helpdesk", "Executives", "People Ops", "Product Managers",
] as const;
export const DIRECT_GROUP_NAMES = [
  "Claude Power Users", "Pilot: Claude Code", "Compliance reviewers", "eDiscovery team", "Incident responders",
  "New hires 2025", "Marketing writers", "Board prep", "Interns", "Audit committee", "Partner engineers",
  "Prompt library editors", "Red team", "Sandbox testers", "Vendor access",
] as const;

/** Role templates: name, description, and the permission families they grant. */
export const ROLE_TEMPLATES = [
  { name: "Compliance Reviewer", description: "Read-only access to chat and project content for legal review.", grants: ["chats:read", "projects:read", "files:read", "compliance:read"] },
  { name: "Project Admin", description: "Creates and manages projects and their members.", grants: ["projects:read", "projects:write", "projects:delete", "members:read"] },
  { name: "Workspace Viewer", description: "Views workspaces and their usage.", grants: ["workspaces:read", "usage:read"] },
  { name: "Billing Manager", description: "Manages invoices, seats and payment methods.", grants: ["billing:read", "billing:write", "usage:read"] },
  { name: "Security Auditor", description: "Reads settings, keys and audit logs.", grants: ["settings:read", "api_keys:read", "audit_logs:read", "members:read"] },
  { name: "Data Exporter", description: "Exports conversations and projects for retention.", grants: ["chats:export", "projects:export", "files:export"] },
  { name: "Member Manager", description: "Invites, removes and updates members.", grants: ["members:read", "members:write", "groups:read", "groups:write"] },
  { name: "Settings Admin", description: "Changes organization settings.", grants: ["settings:read", "settings:write"] },
  { name: "Connector Admin", description: "Installs and configures connectors.", grants: ["connectors:read", "connectors:write"] },
  { name: "Claude Code Operator", description: "Runs Claude Code and manages trusted devices.", grants: ["claude_code:use", "claude_code:manage_devices"] },
  { name: "Knowledge Curator", description: "Curates project knowledge and shared prompts.", grants: ["projects:read", "projects:write", "files:write", "prompts:write"] },
  { name: "Support Agent", description: "Reads conversations shared with support.", grants: ["chats:read", "members:read"] },
  { name: "Legal Hold Manager", description: "Places and releases legal holds.", grants: ["compliance:read", "compliance:write", "chats:export"] },
  { name: "Analytics Viewer", description: "Views usage analytics dashboards.", grants: ["usage:read", "analytics:read"] },
  { name: "Role Administrator", description: "Defines roles and assigns them to groups.", grants: ["roles:read", "roles:write", "groups:read"] },
  { name: "Auditor (read-only)", description: "", grants: ["settings:read", "members:read", "roles:read", "groups:read"] },
] as const;

/** Built-in roles every organization has; upstream returns them without timestamps. */
export const SYSTEM_ROLES = [
  { name: "Organization Member", description: "Default role for every member.", grants: ["chats:read", "chats:write", "projects:read"] },
  { name: "Organization Admin", description: "Full administrative access.", grants: ["settings:write", "members:write", "roles:write", "groups:write", "billing:write"] },
] as const;
