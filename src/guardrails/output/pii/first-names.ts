// Common given names across languages, for the PERSON recogniser. Names that are also everyday English
// words (Will, May, Bill, Mark, Grace, Hope, ...) are left out: they would only add false positives.
// Written from public baby-name lists, not from any eval set.
export const FIRST_NAMES = `
Aaron Abdul Abigail Adam Adrian Ahmed Aisha Alan Albert Alberto Alejandro Aleksandr Alex Alexander Alexandra
Alexandre Alexei Alfred Ali Alice Alicia Alina Alison Amanda Amber Amelia Amir Amy Ana Anastasia Anders Andre
Andrea Andreas Andrei Andrew Andrzej Angela Angelo Anita Ann Anna Anne Annette Anthony Antoine Anton Antonio
Arjun Arthur Ashley Astrid Aurora Ava Barbara Beatriz Ben Benjamin Bernard Beth Betty Bianca Boris Brandon
Brenda Brian Bruno Camila Carl Carla Carlos Carmen Carol Caroline Catherine Cecilia Charles Charlotte
Chen Chloe Chris Christian Christina Christine Christopher Claire Clara Claudia Colin Craig Cristina Daniel
Daniela Danielle David Deborah Dennis Diana Diego Dimitri Dmitri Dmitry Dominic Donald Donna Dorothy Douglas
Dylan Edward Elena Eli Elias Elif Elijah Elizabeth Ella Ellen Emily Emma Enrique Eric Erik Erin Ethan Eva
Evelyn Fatima Felipe Felix Fernanda Fernando Fiona Francesca Francesco Francisco Frank Franz Frederick
Gabriel Gabriela Gabriele Gary George Georg Gerald Gianluca Giovanni Giulia Giuseppe Gloria Gregory Greta
Gustavo Hana Hannah Hans Harold Harry Hassan Heather Heidi Helen Helena Henrik Henry Hiroshi Hugo Hussein
Ian Igor Ingrid Irina Isaac Isabel Isabella Isabelle Ivan Jack Jacob Jacqueline Jakub Jamal James Jan Jane
Janet Janice Jared Jason Javier Jean Jeffrey Jennifer Jens Jeremy Jessica Joan Joanna Joao João Joe
Johann Johannes John Jonathan Jorge Jose José Joseph Joshua Joyce Juan Judith Judy Julia Julian Julie
Julien Justin Kamal Karen Karin Karl Katarzyna Kate Katherine Kathleen Kathryn Katie Kelly Kenji Kenneth
Kevin Khalid Kim Kimberly Klaus Krzysztof Kyle Lars Laura Lauren Laurent Leila Lena Leo Leon Leonardo Liam
Lily Linda Lisa Lorenzo Louis Louise Lucas Lucia Luis Luisa Luka Lukas Luke Magnus Manuel Marco Marcus
Margaret Maria Mariana Marie Marina Mario Marion Marta Martha Martin Mary Mateo Matteo Matthew Matthias Maxim
Maximilian Megan Mehmet Melissa Mia Michael Michel Michelle Miguel Mikhail Mila Mohamed Mohammad Mohammed
Monica Muhammad Nadia Nancy Natalia Natalie Nathan Nicholas Nicola Nicolas Nicole Nikolai Nina Noah Noor
Oleg Olga Oliver Olivia Omar Oscar Pablo Pamela Paolo Patricia Patrick Paul Paula Pavel Pedro Peter Petra
Philip Philippe Pierre Pietro Piotr Priya Rachel Rafael Rahul Raj Ralph Ramon Raquel Raymond Rebecca Ricardo
Richard Robert Roberto Roger Ronald Rosa Ruth Ryan Sabrina Samantha Samuel Sandra Sara Sarah Scott Sean
Sebastian Sergei Sergey Sergio Shirley Silvia Simon Simone Sofia Sophia Sophie Stefan Stefano Stephanie
Stephen Steven Susan Svetlana Tamara Tanaka Tatiana Teresa Thomas Tiffany Timothy Tobias Tom Tomas Tomás
Tyler Valentina Valeria Vanessa Vera Veronica Victor Victoria Vincent Virginia Vladimir Walter Wei Wendy
William Wojciech Xavier Yan Yara Yasmin Yuki Yuri Yusuf Zachary Zoe Zofia
Aarav Abel Ada Adele Adriana Agnes Ahmad Aidan Aiden Akira Alain Alana Alba Albin Alejandra Aleksander
Alessandro Alessia Alexis Alfonso Alfredo Alma Alvaro Amalia Amara Ambrose Amelie Anabel Anders Andrés
Angelica Angelina Anika Anil Annika Ansel Antonia Anya Ariana Ariel Arnav Arturo Asha Ashok Ayesha Aziz
Bartosz Beatrice Benedikt Benoit Bernadette Bettina Bjorn Björn Blanca Bogdan Brendan Bridget Brigitte
Bruce Caitlin Camille Candice Carina Carlo Carlota Casimir Cassandra Celine Cesar César Chiara Chidi
Christoph Cindy Clemens Constance Corinne Cornelia Dagmar Dalia Damian Damien Dana Daniele Dariusz Darya
Deepak Delphine Derek Desmond Dieter Dolores Dominika Dominique Duncan Dustin Edgar Edith Eduardo Elsa
Elif Eloise Elvira Emeka Emil Emilia Emilio Enzo Esperanza Esther Ewa Fabian Fabio Farah Farid Federica
Federico Filip Florian Francine Franco Freya Friedrich Gareth Gaurav Genevieve Georgina Gerard Gerhard
Giada Gilbert Gino Giorgio Giorgos Gonzalo Graham Guillermo Gunnar Gustav Hamza Harriet Haruto Hector
Helmut Hilda Hiro Hyun Ibrahim Ignacio Imani Inés Inge Irene Iris Isidro Ivana Jacek Jakob Jana Janina
Jaroslav Jasmine Jasper Javier Jelena Jesper Jesús Jiho Jin Joanne Joaquin Joaquín Jochen Johanna Jonas
Jorge Josef Josefine Joseph Josephine Jovan Juliana Julius Jun Jürgen Kai Kalinda Kamila Karim Karolina
Kasper Katharina Katja Kaylee Keiko Keith Kenta Kerstin Khadija Kirsten Kofi Konstantin Kristina Kwame
Ladislav Lakshmi Larissa Lea Leandro Leticia Lidia Linnea Lionel Liv Lorena Lotte Lucía Ludwig Luigi
Lukasz Łukasz Lydia Madeleine Magdalena Mai Malik Manon Manuela Marcel Marcela Marcelo Marek
Margarita Mariam Marianne Marisol Marius Marlene Marlon Martina Marvin Matilda Matías Maurice Mauricio
Maya Mehdi Melanie Mercedes Mikael Milan Milena Minh Miriam Mirko Moritz Nadine Naomi Natasha Neha Nils
Noemi Nora Norbert Nuno Odile Olaf Oliwia Ophelia Orlando Osvaldo Otto Pascal Patrice Patrizia Paulina
Pavla Pedro Penelope Philipp Pilar Pooja Quentin Radek Rafaela Ragnar Rainer Ramona Ravi Regina Reinhard
Renata René Rhys Rita Roberta Rocío Rodrigo Roland Rolf Romain Roman Rosalind Rui Sabine Salma Salvatore
Samira Sanjay Santiago Sasha Saul Selin Serena Severin Shanice Sharon Shreya Sigrid Silvio Siobhan Soren
Søren Stanislav Stella Sunil Susanne Sven Sylvie Takeshi Tamsin Tanja Tarek Thabo Thea Theo Theodore
Thiago Tiago Till Tim Tobias Tomasz Ulrich Ursula Valentin Valentino Vasily Vicente Viktor Vikram Vilma
Vittoria Walid Werner Wilhelm Wiktoria Xiang Xin Yannick Yasmine Yiannis Yolanda Yosef Youssef Yvonne
Zainab Zara Zeynep Zhang Zoltan Zuzana Johnny Jennie Jenny Jessie Sally Molly Holly Lucy Sophie Heidi
Bradley Brandi Brittany Courtney Crystal Dwayne Eugene Gordon Jeffery Jerome Kristen Lindsay Marcia Nathaniel
`
  .trim()
  .split(/\s+/)
