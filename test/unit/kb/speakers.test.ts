import { describe, expect, it } from 'vitest';
import { splitSentences } from '../../../src/lib/kb/sentences';
import { attributeSpeakers, type SpeakerOptions } from '../../../src/lib/kb/speakers';

// Paragraphs copied verbatim from the seeds: key sNNN_L is line L of seed NNN
// (/work/shared/seeds/NNN_*.txt); s004 is the whole of seed 004.
const P = {
  s000_17:
    'In 2019, Russian Foreign Minister Sergey Lavrov declared that “the den of terrorists must be destroyed.” He was referring Hayat Tahrir al-Sham (HTS), the militant group whose leader, Ahmed al-Sharaa, met Russian President Vladimir Putin in Moscow on Wednesday.',
  s000_24:
    'Sharaa’s pragmatic dealings with Moscow began before HTS took Damascus. As he explained in a recent interview, “When our forces arrived at Homs, the Russians stepped back from the battle entirely, withdrawing from the military scene under an agreement.” Indeed, Moscow had redirected its focus from preserving a faltering Assad regime to protecting its own strategic interests in Syria—chiefly the Hmeimim air base and the Tartus naval base, one of Russia’s only warmwater ports.',
  s000_41:
    'The bloodshed and destruction that Russia has inflicted since 2015 remain deeply etched in the collective memory of many Syrians. As one person put it in response to a recent poll, “The Russians killed half the Syrian people, supported Assad’s regime until they destroyed our homes and killed us, so on what basis should we reconcile with these criminal Russians?”',
  s000_47:
    'During his visit to New York for the U.N. General Assembly in September, Sharaa met with several high-level Western leaders, including French President Emmanuel Macron. He also met with Ukrainian President Volodymyr Zelensky, who agreed to restore diplomatic relations between Kyiv and Damascus. However, if Sharaa now moves closer to Moscow, he risks undermining all those diplomatic gains. Members of the European Parliament have already urged Syria’s new government to ban Russia’s military presence in the country. In March, they released a statement calling on Syria to “break free from its notorious long-standing alliances with Tehran and Moscow.”',
  s000_51:
    'Historically, Israel maintained a robust relationship with Russia during Moscow’s intervention to support the Assad regime. The two countries established communication and deconfliction mechanisms, as Israel was primarily concerned with Iran’s expanding military footprint across Syria. Today, that concern appears to have shifted; Turkey has replaced Iran as Israel’s primary worry in Syria. Over the past few months, Israel has drawn clear red lines regarding Turkish military entrenchment and has even struck sites that were to be used by the Turkish military. Russia did not object to the strikes and is unlikely to object to increased Israeli activity in the future. Even if Sharaa says he is seeking Russian weapons to defend against Israeli airstrikes, Israel still might prefer that to a strengthened Turkish presence.',
  s000_55:
    'The Trump administration has also been ambivalent on punishing countries for their economic ties with Moscow. Yet Congress may well move to reimpose sanctions if Syria acquires weapons systems directly from Russia and its state-owned armed exporter. Many of the systems under discussion would meet the “significant” transaction threshold under the Countering America’s Adversaries Through Sanctions Act—whether because they require substantial financial dealings with Russia’s defense industry or because they represent a major upgrade of Syria’s military capabilities.',
  s001_1:
    'In recent weeks, there has been a noticeable warming of relations between Syria’s new regime, led by President Ahmad Al-Sharaa, and Russia. This rapprochement has met with criticism from many Syrians, given that Russia was a key ally of the Bashar Al-Assad regime. During Syria’s civil war it took brutal action against Assad’s opponents,[1] and today it provides asylum to the ousted president himself, his family and senior officials of his regime, while refusing to extradite them.[2] Hay’at Tahrir Al-Sham (HTS), the organization led by Al-Sharaa before he became president,[3] was frequently a target of these Russian attacks. But despite this, since coming to power in December 2024 Al-Sharaa has taken are not to alienate Russia and has not acted to remove its remaining military presence in Syria. This approach has also been evident in statements by Al-Sharaa and senior members of his regime, who have consistently taken a neutral, and at times even positive, tone towards Russia.[4] In addition, there have been mutual visits between the two countries: a senior delegation of Syrian ministers headed by Foreign Minister Asaad Al-Shaibani visited Moscow on July 31, 2025, and a Russian delegation headed by Deputy Prime Minister Alexander Novak visited Damascus on September 9, 2025. On both occasions the sides expressed a mutual desire to “turn over a new leaf of genuine cooperation.”[5] The highlight was Al-Sharaa’s visit to Moscow on October 15, 2025 and his meeting with Russian President Vladimir Putin, which lasted about two and a half hours and during which both sides emphasized their desire to strengthen the friendly relations and cooperation between the two countries.[6]',
  s001_3:
    'However, as stated, this Syrian-Russian rapprochement has sparked resentment and criticism among Syrians, even among officials and supporters of the regime itself, who emphasized that Russia will continue to be an enemy of the Syrian people because it committed crimes against them and assisted Assad in oppressing them. Some even accused Al-Sharaa of dishonoring and betraying the Syrian people and the memory of their martyrs.',
  s001_10:
    'In addition, the Syrian regime seeks to obtain economic assistance from Russia, particularly the supply of oil and wheat, as well as Russian participation in Syria’s reconstruction.[8] Russia has expressed its willingness to directly take part in rebuilding Syria’s vital infrastructures – chiefly in the energy, transport and other sectors – in response to Syria’s demand that it pay compensation for the damage caused by its bombings during the civil war.[9] Russian Deputy Prime Minister Alexander Novak stated that the meeting between Putin and Al-Sharaa addressed ways in which Russia could support Syria’s reconstruction, and that Russia was prepared to participate in developing the oil, gas and other energy sectors.[10] In fact, according to the London-based daily Al-Arabi Al-Jadid, the fall of the Assad regime did not halt the economic relations between Syria and Russia, and Russia continued supplying oil to Syria’s power plants.[11] Tanker Trackers reports that, during 2025, the Al-Sharaa regime secretly received 15 million barrels of Russian crude in exchange for granting Russia permission to maintain its naval base in Tartus.[12]',
  s001_12:
    'Another key Syrian interest is to renew the supply of Russian weapons to Syria and to obtain Russian assistance in training Syria’s armed forces, building on the long history of military cooperation between the two countries. Al-Sharaa’s communications advisor Ahmad Muwaffaq Zaidan admitted in an August interview with Al-Arabiya that, despite Russia’s crimes against the Syrians, at present there was “no choice” but to rely on it for spare parts and weapons.[13] This is because many countries, including the U.S. and E.U., are still imposing an arms embargo on Syria, despite the easing of the sanctions on it since the advent of the Al-Sharaa regime.',
  s001_13:
    'Against this backdrop, several military visits have taken place between the countries in recent months. For example, a Syrian military delegation led by Chief of Staff Ali Al-Naasan visited Russia in early October. During the visit, the Syrian Defense Ministry’s media director, Assem Ghalyoun, posted a photo on his Facebook account showing himself standing next to a Russian S-400 air defense system, and wrote: “Today in Russia and soon in Syria.”[14] During the visit of the Russian delegation to Damascus on September 9, 2025, Syrian and Russian sources reported that the Syrians had expressed an interest in purchasing Russian weapons.[15]',
  s001_14:
    'The issue of Russian arms supplies is also linked to the question of Russia’s future military presence in Syria. This is a key issue for Moscow, since, as noted, Russia’s bases in Syria are its only access to the Mediterranean Sea. According to reports, the status of the Russian bases was discussed by Al-Sharaa and Putin during their October 15, 2025 meeting in Moscow, but a final agreement has yet to be reached. Nevertheless, Al-Sharaa has so far allowed the Russians to maintain their military presence in his country.[16] According to the Saudi magazine Al-Majalla, Russia hopes that, by offering the Al-Sharaa regime favorable terms for purchasing Russian weapons, it can secure Syrian consent to maintain its bases in Syria.[17] It should be noted in this context that, during his meeting with Putin, Al-Sharaa pledged to “honor the previous agreements with Russia,” namely Assad-era agreements, including the ones that established the Russian bases in Hmeimim and Tartus.[18]',
  s001_18:
    'The Al-Sharaa regime believes that Russia too can act as mediator in its dealings with Israel. In this context, there have been reports that Russia may renew its military presence in southern Syria, near the border with Israel, and conduct patrols there in order to limit the Israeli military activity. In the absence of official statements on this matter, conflicting reports have appeared in the media regarding which side made the request; some claimed that it was President Al-Sharaa who proposed this.[21]',
  s001_21:
    'Similarly, the Al-Sharaa regime seeks Russia’s mediation with the Druze-majority Al-Suwayda Governorate in southern Syria, which is eying separation from the Syrian regime following the deadly clashes in July 2025, during which Bedouin tribes backed by Al-Sharaa’s forces massacred Druze locals. Al-Sharaa hopes that Russia will help to prevent this secession and allay Druze fears of further violence against them.[23] During his visit to Syria on September 9, 2025, Russian Deputy Prime Minister Alexander Novak alluded to the possibility of such mediation, stating that “Russia maintains contact with Israel and with all ethnic groups in Syria, and proposes to make use of this to promote stability in Syria.”[24]',
  s001_25:
    'Among the critics of the tightening relations with Russia was Abu Khaled Al-Hassi, a commander in the new Syrian army and formerly a battalion commander in the Ahrar Al-Sham militia, an ally of HTS. In an interview with Asharq Al-Awsat, Al-Hassi emphasized that Syrians would continue to regard Russia as an enemy, saying: “We understand that the government is entitled to consider the country’s needs… but the Syrians will not forget what Russia did in previous years. Members of my family, like many other Syrians, were killed in Russian bombardments, when Russian aircraft attacked markets, residential areas and emergency services. We see Russia as nothing but an enemy; it was directly involved in our displacement, in suppressing the revolution, and in facilitating the barbarity of the [Assad] regime. Russia, like Iran, played a central role in the Syrians’ oppression, especially through its airstrikes, which continued for years… It would be better if we could someday negotiate with the Russians over the extradition of Bashar Al-Assad and several officers of his regime, who have fled to Russia, using the leverage of the Russian military bases in Syria. This is a legitimate right, but [even] this will not change the enduring fact that Russia will remain an enemy in the eyes of most Syrians.”[25]',
  s001_27:
    'Harsh criticism of Russia was also voiced on social media. For example, following President Al-Sharaa’s visit to Russia, Syrian activist Jisry Jamal commented on Facebook that “Putin is a war criminal and his hands are stained with our blood.”[26] On July 31, 2025, amid the visit of Syrian Foreign Minister Al-Shaibani to Moscow, a Syrian activist known as “Circassian,” who identifies as a supporter of the Al-Sharaa regime, wrote on X: “Russia killed tens of thousands of Syrians. Russia destroyed half of our [country’s] infrastructure. Russia caused half of Syria to flee and become displaced. Russia shielded and defended Bashar [Al-Assad] and his associates. Russia is the reason for the siege on Syria and the theft of its resources. Every Russian veto [in the Security Council] caused the massacre in Syria and the endless cycle of pain to continue. Russia will improve nothing in Syria, literally nothing!!”[27]',
  s001_28:
    'The Euphrates Post Telegram channel, which covers Syria, posted on September 17, 2025: “The [Syrian regime’s] positive statements on Russia do not change the fact that the downfall of the [Assad] regime was a strategic defeat for the Russians or the fact that Russia played a destructive role in previous years.” The post was accompanied by a cartoon depicting Russia and Assad as a double-headed snake that has been struck down by Syria’s citizens.[28]',
  s001_30:
    'Particularly harsh criticism followed Al-Sharaa’s visit to Moscow and his meeting with Putin. Ahmad Mu’az, a Syrian from Idlib affiliated with Hizb Al-Tahrir, a Salafi organization opposed to HTS, posted a series of messages accusing Al-Sharaa of treason: “Al-Sharaa’s visit to Russia does not [reflect] practical wisdom or political [shrewdness]. It is a betrayal of the revolution, the rebels, the jihad fighters and the martyrs. [It is an act of] great insolence under the false pretext that we [Syrians] are weak and have no choice, so we can disregard the honor of our people and the sacrifices of its noble revolution. O [Syrians] who pander to the regime, [answer me this:] After visiting Russia and enraging the Syrian public, all of which supports the revolution, what prevents [Al-Sharaa] from also visiting Tehran and reconciling with it?!! A handshake with the criminal Putin will not cleanse [Putin’s] hands, which are stained with the blood of our people and our rebels, nor will it erase Russia’s crime.”[29]',
  s001_31:
    'Syrian activist Mustafa Arour wrote on Facebook: “Al-Sharaa is the greatest trader in blood. Today, he and his supporters fully deserve that title, since they rejoice and celebrate the red-carpet welcome he received [in Russia]… Has [Putin], the murderer of Syrians and the arrogant criminal, become your standard of victory? Where is your honor and [the honor of] our people’s blood?… What kind of ‘historic achievement’ is it to tread the red carpet in the home of your family’s murderer!!”[30]',
  s002_6:
    "This is the first visit of the former militia leader to Russia to mend political ties. The Syrian government's press head said that regional and international matters, development of bilateral relations, and securing common interests will be on the agenda of Al-Sharaa's meeting with his Russian counterpart Vladimir Putin. Meanwhile, Russia's Khmeimim airbase and Tartus naval base are expected to be among the most important topics of the discussions with the Russians.",
  s002_10:
    "This expectation arises after security talks between the interim government and Tel Aviv, aimed at reducing hostile attacks, collapsed due to what Syrian sources describe as Israeli overreach. Furthermore, US mediation, intended to broker a deal, has effectively favored Tel Aviv, further complicating al-Sharaa's position. In this climate of crisis, the Syrian president is gambling that Moscow holds the key to unravelling these security challenges and steering Syria toward stability.",
  s002_19:
    'In September, the House Rules Committee blocked an attempt to include the repeal in the National Defense Authorization Act (NDAA). Syrian and regional lobbying groups had pushed for this faster-track strategy, aiming to attach the repeal to the must-pass defense budget rather than pursuing a standalone bill. The Senate subsequently proposed an amendment to the NDAA, but the House speaker stated that no such clauses will be added, dealing a serious blow to the full repeal of sanctions.',
  s002_26:
    'However, this was not the only sticking point. During the negotiations, the Israeli regime also demanded that the Syrian interim government completely demilitarize the provinces of Daraa, Quneitra, and Suwayda. Furthermore, Tel Aviv officials stated they would not discuss the status of the occupied Golan Heights, ruled out any return to pre-December 2024 borders, and declared their intention to maintain control over all territories captured in the preceding ten months.',
  s003_24:
    'When it failed to obtain a condemnation of Damascus from the presidency of the Security Council, it did so at the BRICS summit statement in Brazil, which condemned what it called “the violence perpetrated in various Syria’s provinces among the country’s communities” and “the threat posed by foreign terrorist fighters’ presence in Syrian territory as well as the risk of spreading of terrorists from Syria to regional countries.”  ',
  s003_30:
    'Syria’s relationship with Russia, according to this perspective, constitutes a source of pressure on the Syrian government, adding to those stemming from its relationship with the U.S., which aim to expedite the signing of a security, peace or normalization agreement with Israel. Damascus appears to have turned to Moscow in a bid to forestall any repercussions from the potential failure of the talks with Israel.  ',
  s004: "Syrian President Ahmed al-Shara’a arrived in Russia on Wednesday. He is expected to hold important talks with Russian President Vladimir Putin. This is significant because it was Sharaa who overthrew Bashar al-Assad's regime in December 2024. Russia backed Assad.\nIn 2015, Moscow intervened in the Syrian civil war to back Assad. Russia said it was helping Syria fight “terrorists.” One of the groups the Assad regime was fighting was Hayʼat Tahrir al-Sham (HTS), which Sharaa led. As such, Russia was backing Assad against the group that is now leading Syria.\nThis is quite the journey for Sharaa. It illustrates that he trusts that Moscow will not harm him while he is there. Enemies of Moscow in other contexts have been killed in various ways, such as falling out of windows or being poisoned.\nAs a reminder, Assad escaped Syria and fled to Russia in December 2024. As such, the Kremlin is essentially hosting both the former regime leader and the new one simultaneously.\nThis is a testament to Sharaa’s willingness to take risks and also demonstrates Moscow’s pragmatism. He has also conducted extensive outreach to the West. Sharaa is seeking sanctions relief.\nMoscow is part of that stage\nHe has also conducted outreach throughout the Arab and Muslim worlds, as well as in Asia. He feels confident on the global stage. Moscow is part of that stage.\nBy visiting Russia, Sharaa is also indicating that Syria is not going to become solely a Western ally. Like India, Qatar, Turkey, Saudi Arabia, and other states, his country will seek to maintain friendships on all sides.\nAs Syria’s state media noted, “Sharaa arrived in Russia on Wednesday for an official visit to hold talks with his Russian counterpart Vladimir Putin... Sharaa is accompanied by Minister of Foreign Affairs and Expatriates Asaad Hassan al-Shaibani and Defense Minister Maj.-Gen. Murhaf Abu Qasra.”\nThe report further said that the focus will be on “bilateral relations between the two countries and regional and international developments of mutual interest.”\nEconomic cooperation will be on the list as well. “According to the Presidential Media Directorate, Sharaa is scheduled to meet with... Putin... to discuss regional and international developments of mutual interest and ways to enhance cooperation in the service of both countries’ shared interests,” SANA said.\nSharaa will also meet with Syrians living in Russia.\nThe Kremlin has had military facilities in Syria in the past and wants to maintain them. It has had forces stationed at the Khmeimim Air Base and Tartus naval base in northwestern Syria in the past. This is a crucial aspect of Russian influence.\nMoscow had also previously played a role in deconfliction in Syria. It patrolled eastern Syria and was often in touch with Iran and Israel regarding developments.\nAs for Syria, it was a key ally of the Soviet Union during the Soviet period. Putin is likely aware of this and wants to claw Syria back into the Moscow network of friends.",
};

type Row = [segmentStart: string, name: string, mode: 'quote' | 'report'];

/** One row per attributed segment, in order: the segment's first 30 characters, the speaker, the mode. */
function rows(text: string, options?: SpeakerOptions): Row[] {
  const segments = splitSentences(text);
  const found = attributeSpeakers(text, segments, options);
  return [...found.entries()]
    .sort(([a], [b]) => a - b)
    .map(([i, sp]) => {
      const seg = segments[i];
      if (!seg) throw new Error(`no segment ${i}`);
      // The span is where the name is written.
      expect(text.slice(sp.start, sp.end)).toBe(sp.name);
      return [text.slice(seg.start, Math.min(seg.end, seg.start + 30)), sp.name, sp.mode];
    });
}

/** The KB build passes the entity matcher; here a fixed list of people stands in for it. */
const PEOPLE = new Set([
  'Sharaa',
  'Al-Sharaa',
  'al-Sharaa',
  'Putin',
  'Vladimir Putin',
  'Sergey Lavrov',
  'Erdogan',
  'Assad',
]);
const isPerson = (name: string): boolean => PEOPLE.has(name);

describe('attributeSpeakers: seed 000 (Foreign Policy)', () => {
  it('Lavrov declared that “…” — the name without the title', () => {
    expect(rows(P.s000_17)).toEqual([['In 2019, Russian Foreign Minis', 'Sergey Lavrov', 'quote']]);
  });

  it('"As he explained" resolves to Sharaa only with an isPerson test', () => {
    expect(rows(P.s000_24)).toEqual([]);
    expect(rows(P.s000_24, { isPerson })).toEqual([['As he explained in a recent in', 'Sharaa', 'quote']]);
    // Two people in the previous sentence: "he" stays unresolved.
    const twoPeople = 'Sharaa met Putin in Moscow. As he explained later, “the talks went well and lasted long.”';
    expect(rows(twoPeople, { isPerson })).toEqual([]);
    // No pronoun resolution across a paragraph break.
    const newParagraph = 'Sharaa arrived in Moscow.\nAs he explained later, “the talks went well and lasted long.”';
    expect(rows(newParagraph, { isPerson })).toEqual([]);
  });

  it('a poll respondent: "As one person put it"', () => {
    expect(rows(P.s000_41)).toEqual([['As one person put it in respon', 'one person', 'quote']]);
  });

  it('"they released a statement" goes back to the Members of the European Parliament', () => {
    expect(rows(P.s000_47)).toEqual([
      ['In March, they released a stat', 'Members of the European Parliament', 'quote'],
    ]);
  });

  it('"Even if Sharaa says" is not an attribution', () => {
    expect(rows(P.s000_51, { isPerson })).toEqual([]);
  });

  it('scare quotes without a stated speaker get none', () => {
    expect(rows(P.s000_55)).toEqual([]);
  });
});

describe('attributeSpeakers: seed 001 (MEMRI)', () => {
  it('expressions of both sides and a relative "who emphasized" are no attributions', () => {
    expect(rows(P.s001_1)).toEqual([]);
    expect(rows(P.s001_3)).toEqual([]);
  });

  it('Novak stated, according to Al-Arabi Al-Jadid, Tanker Trackers reports', () => {
    expect(rows(P.s001_10)).toEqual([
      ['Russian Deputy Prime Minister ', 'Alexander Novak', 'report'],
      ['In fact, according to the Lond', 'Al-Arabi Al-Jadid', 'report'],
      ['Tanker Trackers reports that, ', 'Tanker Trackers', 'report'],
    ]);
  });

  it('Zaidan admitted … “no choice” — a quoted fragment in reported speech', () => {
    expect(rows(P.s001_12)).toEqual([['Al-Sharaa’s communications adv', 'Ahmad Muwaffaq Zaidan', 'report']]);
  });

  it('Ghalyoun posted … and wrote: “…”; Syrian and Russian sources reported', () => {
    expect(rows(P.s001_13)).toEqual([
      ['During the visit, the Syrian D', 'Assem Ghalyoun', 'quote'],
      ['During the visit of the Russia', 'Syrian and Russian sources', 'report'],
    ]);
  });

  it('"According to reports" is too vague; Al-Majalla is named; Al-Sharaa pledged to “…”', () => {
    expect(rows(P.s001_14)).toEqual([
      ['According to the Saudi magazin', 'Al-Majalla', 'report'],
      ['It should be noted in this con', 'Al-Sharaa', 'quote'],
    ]);
  });

  it('"some claimed" names no one', () => {
    expect(rows(P.s001_18)).toEqual([]);
  });

  it('Novak alluded …, stating that “…”', () => {
    expect(rows(P.s001_21)).toEqual([['During his visit to Syria on S', 'Alexander Novak', 'quote']]);
  });

  it('Al-Hassi’s long quotation: every sentence of it is his', () => {
    expect(rows(P.s001_25)).toEqual([
      ['In an interview with Asharq Al', 'Al-Hassi', 'quote'],
      ['Members of my family, like man', 'Al-Hassi', 'quote'],
      ['We see Russia as nothing but a', 'Al-Hassi', 'quote'],
      ['Russia, like Iran, played a ce', 'Al-Hassi', 'quote'],
      ['It would be better if we could', 'Al-Hassi', 'quote'],
      ['This is a legitimate right, bu', 'Al-Hassi', 'quote'],
    ]);
  });

  it('Jisry Jamal commented; the “Circassian” activist wrote on X', () => {
    expect(rows(P.s001_27)).toEqual([
      ['For example, following Preside', 'Jisry Jamal', 'quote'],
      ['On July 31, 2025, amid the vis', 'Circassian', 'quote'],
      ['Russia destroyed half of our [', 'Circassian', 'quote'],
      ['Russia caused half of Syria to', 'Circassian', 'quote'],
      ['Russia shielded and defended B', 'Circassian', 'quote'],
      ['Russia is the reason for the s', 'Circassian', 'quote'],
      ['Every Russian veto [in the Sec', 'Circassian', 'quote'],
      ['Russia will improve nothing in', 'Circassian', 'quote'],
    ]);
  });

  it('the Euphrates Post Telegram channel posted (the platform left out of the name)', () => {
    expect(rows(P.s001_28)).toEqual([['The Euphrates Post Telegram ch', 'Euphrates Post', 'quote']]);
  });

  it('Ahmad Mu’az, a Syrian from Idlib …, posted …: “…” — past the appositions', () => {
    expect(rows(P.s001_30)).toEqual([
      ['Ahmad Mu’az, a Syrian from Idl', 'Ahmad Mu’az', 'quote'],
      ['It is a betrayal of the revolu', 'Ahmad Mu’az', 'quote'],
      ['[It is an act of] great insole', 'Ahmad Mu’az', 'quote'],
      ['O [Syrians] who pander to the ', 'Ahmad Mu’az', 'quote'],
      ['A handshake with the criminal ', 'Ahmad Mu’az', 'quote'],
    ]);
  });

  it('Mustafa Arour wrote on Facebook: “…”', () => {
    expect(rows(P.s001_31)).toEqual([
      ['Syrian activist Mustafa Arour ', 'Mustafa Arour', 'quote'],
      ['Today, he and his supporters f', 'Mustafa Arour', 'quote'],
      ['Has [Putin], the murderer of S', 'Mustafa Arour', 'quote'],
      ['Where is your honor and [the h', 'Mustafa Arour', 'quote'],
      ['What kind of ‘historic achieve', 'Mustafa Arour', 'quote'],
    ]);
  });
});

describe('attributeSpeakers: seed 002 (Alwaght)', () => {
  it('the Syrian government’s press head said', () => {
    expect(rows(P.s002_6)).toEqual([["The Syrian government's press ", "Syrian government's press head", 'report']]);
  });

  it('"what Syrian sources describe as" is no attribution', () => {
    expect(rows(P.s002_10)).toEqual([]);
  });

  it('"…, but the House speaker stated that" — a coordinated clause', () => {
    expect(rows(P.s002_19)).toEqual([['The Senate subsequently propos', 'House speaker', 'report']]);
  });

  it('Tel Aviv officials stated they would …', () => {
    expect(rows(P.s002_26)).toEqual([['Furthermore, Tel Aviv official', 'Tel Aviv officials', 'report']]);
  });
});

describe('attributeSpeakers: seed 003', () => {
  it('"the BRICS summit statement in Brazil, which condemned what it called “…”": the statement speaks', () => {
    expect(rows(P.s003_24)).toEqual([['When it failed to obtain a con', 'BRICS summit statement', 'quote']]);
  });

  it('"according to this perspective" names no speaker', () => {
    expect(rows(P.s003_30)).toEqual([]);
  });
});

describe('attributeSpeakers: seed 004', () => {
  it('Russia said; state media noted (both parts of the quote); the report further said; SANA said', () => {
    expect(rows(P.s004)).toEqual([
      ['Russia said it was helping Syr', 'Russia', 'report'],
      ['As Syria’s state media noted, ', 'Syria’s state media', 'quote'],
      ['Sharaa is accompanied by Minis', 'Syria’s state media', 'quote'],
      ['The report further said that t', 'Syria’s state media', 'quote'],
      ['“According to the Presidential', 'SANA', 'quote'],
    ]);
  });

  it('"The report" inherits only from the sentence right before it', () => {
    const text = 'Sharaa met Putin.\nThe report further said that the talks would cover trade and energy.';
    expect(rows(text)).toEqual([]);
  });
});

describe('attributeSpeakers: shapes and rejections', () => {
  it.each<[string, Row[]]>([
    [
      'Kremlin spokesman Dmitry Peskov said that the talks were useful.',
      [['Kremlin spokesman Dmitry Pesko', 'Dmitry Peskov', 'report']],
    ],
    [
      '“The talks were useful and long,” said Dmitry Peskov.',
      [['“The talks were useful and lon', 'Dmitry Peskov', 'quote']],
    ],
    [
      'The talks were useful, Kremlin spokesman Dmitry Peskov said.',
      [['The talks were useful, Kremlin', 'Dmitry Peskov', 'report']],
    ],
    ['Putin told reporters that the visit was historic.', [['Putin told reporters that the ', 'Putin', 'report']]],
    ['Russia has said it will keep its bases.', [['Russia has said it will keep i', 'Russia', 'report']]],
  ])('%s', (text, expected) => {
    expect(rows(text)).toEqual(expected);
  });

  it.each([
    'If Sharaa says that the talks went well, Israel might object.',
    'Officials said that the talks went well.',
    'Some said that the talks went well.',
    'This report presents the motives of the regime.',
    'Both sides emphasized their desire to strengthen relations.',
    'He said that the talks went well.',
    'They said that the talks went well.',
    'It has been said that Russia will stay.',
    'However, as stated, the rapprochement has sparked resentment.',
    'This is a key issue for Moscow, since, as noted, Russia’s bases are its only access to the sea.',
    'Many of the systems would meet the “significant” transaction threshold.',
    'Russia said.',
  ])('no speaker: %s', (text) => {
    expect(rows(text)).toEqual([]);
  });

  it('a quotation inside a quotation’s speech does not name a second speaker', () => {
    // "According to the Presidential Media Directorate" is SANA's wording, inside the quotation.
    expect(
      rows('“According to the Presidential Media Directorate, Sharaa is scheduled to meet Putin,” SANA said.'),
    ).toEqual([['“According to the Presidential', 'SANA', 'quote']]);
  });

  it('a multi-sentence quotation attributed after it closes', () => {
    expect(rows('“We will stay. The bases are ours to keep,” Kremlin spokesman Dmitry Peskov said.')).toEqual([
      ['“We will stay.', 'Dmitry Peskov', 'quote'],
      ['The bases are ours to keep,” K', 'Dmitry Peskov', 'quote'],
    ]);
  });

  it('an attribution followed by "adding …" still closes the quotation', () => {
    expect(rows('“We will stay. The bases are ours,” Dmitry Peskov said, adding that talks would go on.')).toEqual([
      ['“We will stay.', 'Dmitry Peskov', 'quote'],
      ['The bases are ours,” Dmitry Pe', 'Dmitry Peskov', 'quote'],
    ]);
    const pronoun =
      'Putin welcomed the guests. “The talks were useful and long,” he said, adding that more would follow.';
    expect(rows(pronoun, { isPerson })).toEqual([['“The talks were useful and lon', 'Putin', 'quote']]);
  });

  it('headings have no speaker', () => {
    const text =
      'Syrian Army Commander: Russia Will Remain An Enemy In The Eyes Of Syrians\nPutin said that it went well.';
    const segments = splitSentences(text);
    expect(segments[0]?.kind).toBe('heading');
    expect([...attributeSpeakers(text, segments).keys()]).toEqual([1]);
  });

  it('returns offsets into the full text when given a later paragraph', () => {
    const text = `${P.s001_1}\n${P.s001_10}`;
    const found = attributeSpeakers(text, splitSentences(text));
    const novak = [...found.values()].find((s) => s.name === 'Alexander Novak');
    expect(novak && text.slice(novak.start, novak.end)).toBe('Alexander Novak');
    expect(novak?.start).toBe(text.indexOf('Alexander Novak stated'));
  });
});
