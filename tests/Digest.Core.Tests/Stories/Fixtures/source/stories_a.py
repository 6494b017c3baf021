# Story QUAKE: earthquake in Velmora, Carsolia. Facts tagged; numbers as separate facts.
QUAKE = [
 dict(id="q1", source="Northgate Herald", published="2025-03-03", title="Strong earthquake strikes Velmora, killing at least 31",
  s=[
   ("A magnitude 6.8 earthquake struck the northern Carsolian city of Velmora before dawn on Monday, killing at least 31 people.", ["q-event","q-mag","q-dead31"]),
   ("The quake hit at 4:12 a.m. local time at a depth of about 10 kilometres, the Carsolian Seismic Institute said.", ["q-time","q-depth"]),
   ("Dozens of apartment blocks collapsed in the old quarter of the city, trapping residents under the rubble.", ["q-collapse"]),
   ("Interior Minister Dana Orlov said rescue teams had been sent from the capital, Brask.", ["q-teams"]),
   ("\"We are working through the night to reach everyone still under the debris,\" Orlov told reporters in Brask.", ["q-quote-night"]),
   ("Hospitals in Velmora said they were treating more than 200 injured people.", ["q-inj200"]),
  ]),
 dict(id="q2", source="Harbor Wire", published="2025-03-03", title="Carsolia quake kills 31 in Velmora, rescuers search rubble",
  s=[
   ("At least 31 people were killed when a powerful earthquake of magnitude 6.8 shook Velmora in northern Carsolia early on Monday.", ["q-event","q-mag","q-dead31"]),
   ("Residential buildings in the city's historic centre were flattened and many people are believed trapped.", ["q-collapse"]),
   ("Rescue chief Tomas Reyk said his crews were using thermal cameras and sniffer dogs to find survivors.", ["q-reyk-tools"]),
   ("\"Every hour counts, and the cold is our enemy,\" Reyk said.", ["q-quote-cold"]),
   ("Overnight temperatures in the mountain city are expected to fall to minus 5 degrees.", ["q-cold-temp"]),
   ("The government has declared three days of national mourning.", ["q-mourning"]),
  ]),
 # wire copy republished with a new headline
 dict(id="q3", source="Coastline Daily", published="2025-03-03", title="Deadly quake flattens buildings in Carsolia's Velmora",
  s=[
   ("At least 31 people were killed when a powerful earthquake of magnitude 6.8 shook Velmora in northern Carsolia early on Monday.", ["q-event","q-mag","q-dead31"]),
   ("Residential buildings in the city's historic centre were flattened and many people are believed trapped.", ["q-collapse"]),
   ("Rescue chief Tomas Reyk said his crews were using thermal cameras and sniffer dogs to find survivors.", ["q-reyk-tools"]),
   ("\"Every hour counts, and the cold is our enemy,\" Reyk said.", ["q-quote-cold"]),
   ("Overnight temperatures in the mountain city are expected to fall to minus 5 degrees.", ["q-cold-temp"]),
  ]),
 dict(id="q4", source="Meridian Post", published="2025-03-04", title="Velmora quake death toll rises to 48 as hopes fade",
  s=[
   ("The death toll from Monday's earthquake in Velmora has risen to 48, Carsolian officials said on Tuesday.", ["q-dead48"]),
   ("The 6.8-magnitude quake struck before dawn and brought down dozens of homes in the city's old quarter.", ["q-mag","q-event","q-collapse"]),
   ("Rescuers pulled a seven-year-old girl alive from a collapsed building late on Monday, nearly 20 hours after the quake.", ["q-girl"]),
   ("Interior Minister Dana Orlov said that about 1,500 people had been left homeless and were sleeping in tents and school gyms.", ["q-homeless1500"]),
   ("\"Nobody will be left without a roof this winter,\" Orlov said.", ["q-quote-roof"]),
   ("Rescue crews are searching the ruins with thermal cameras and dogs, rescue chief Tomas Reyk said.", ["q-reyk-tools"]),
   ("Neighbouring Ostrava Republic sent a team of 60 rescue specialists and two field hospitals.", ["q-ostrava"]),
  ]),
 dict(id="q5", source="Eastbrook Times", published="2025-03-05", title="Carsolia ends rescue phase in Velmora; 62 confirmed dead",
  s=[
   ("Carsolian authorities ended the search for survivors in Velmora on Wednesday, two days after the earthquake, with 62 people confirmed dead.", ["q-rescue-end","q-dead62"]),
   ("The magnitude 6.8 tremor on Monday destroyed much of the city's historic centre.", ["q-mag","q-event","q-collapse"]),
   ("About 1,500 residents have lost their homes and are living in tents and school sports halls, the interior ministry said.", ["q-homeless1500"]),
   ("Prime Minister Ilse Varga visited Velmora and promised a reconstruction fund of 400 million crowns.", ["q-varga-fund"]),
   ("\"We will rebuild Velmora stone by stone,\" Varga told residents at a camp on the edge of the city.", ["q-quote-stone"]),
   ("Engineers will inspect every building in the old quarter before residents are allowed back, she said.", ["q-inspect"]),
   ("A girl of seven rescued after almost 20 hours under the rubble is recovering in hospital.", ["q-girl"]),
  ]),
 # roundup / live blog touching several stories; main story is the quake
 dict(id="q6", source="Northgate Herald", published="2025-03-05", title="Live: Velmora quake toll reaches 62 as rescue ends; other news of the day",
  s=[
   ("Rescuers in Velmora have ended the search for survivors, with the earthquake's death toll now standing at 62.", ["q-rescue-end","q-dead62"]),
   ("Prime Minister Ilse Varga has pledged 400 million crowns to rebuild the city's old quarter.", ["q-varga-fund"]),
   ("Thousands of people spent another freezing night in tents around Velmora, where temperatures fell to minus 7 degrees.", ["q-cold-7"]),
   ("Aid groups say blankets, heaters and baby food are running short in the camps.", ["q-aid-short"]),
   ("In other news, dockworkers in Aldmere continued their strike for a third day.", ["x-strike-mention"]),
   ("Brightwave Telecom said it was still investigating the theft of customer data.", ["x-breach-mention"]),
  ]),
]

# Distractor: same actor (Dana Orlov, interior ministry, Brask) different event
ORLOV = [
 dict(id="o1", source="Meridian Post", published="2025-03-04", title="Orlov unveils police reform plan in Brask",
  s=[
   ("Interior Minister Dana Orlov on Tuesday presented a plan to merge Carsolia's regional police forces into a single national service.", ["o-plan"]),
   ("The reform would cut the number of police districts from 14 to 6 and create a new anti-corruption unit.", ["o-districts","o-unit"]),
   ("\"A modern country needs one police force, not fourteen,\" Orlov told parliament in Brask.", ["o-quote"]),
   ("Opposition leader Henrik Sall called the plan a power grab and said his party would vote against it.", ["o-sall"]),
   ("The bill is expected to be debated in parliament next month.", ["o-debate"]),
  ]),
 dict(id="o2", source="Eastbrook Times", published="2025-03-06", title="Police unions protest Orlov's merger plan",
  s=[
   ("Police unions in Carsolia staged protests on Thursday against Interior Minister Dana Orlov's plan to fold regional forces into one national police.", ["o-protest","o-plan"]),
   ("The plan would reduce the country's 14 police districts to 6.", ["o-districts"]),
   ("Union leader Kasia Mirov said thousands of officers could be forced to move to other cities.", ["o-mirov"]),
   ("Opposition leader Henrik Sall has vowed to block the reform in parliament.", ["o-sall"]),
  ]),
]
